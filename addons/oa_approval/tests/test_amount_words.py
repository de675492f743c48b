# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""大写金额 to 《会计基础工作规范》 article 52, case by case."""

from decimal import Decimal

from odoo.tests import TransactionCase, tagged
from odoo.tests.common import BaseCase

from ..tools.amount_words import amount_to_chinese

# (amount, capitals, what the case shows)
CASES = [
    # Zero and the simple cases.
    (0, "零元整", "zero"),
    (0.0, "零元整", "zero as a float"),
    (1, "壹元整", "元 then 整"),
    (10, "壹拾元整", "tens are written 壹拾"),
    (11, "壹拾壹元整", "壹拾壹"),
    (110, "壹佰壹拾元整", "trailing zero of the 元 place dropped"),
    (100000, "壹拾万元整", "壹拾万, trailing zeros dropped"),
    (12345.67, "壹万贰仟叁佰肆拾伍元陆角柒分", "every place"),
    # 整 after 元 and after 角, never after 分.
    (1.5, "壹元伍角整", "角 without 分 ends with 整"),
    (1.55, "壹元伍角伍分", "分: no 整"),
    (0.5, "伍角整", "under one yuan, no 零元"),
    (0.55, "伍角伍分", "under one yuan with 分"),
    (0.05, "伍分", "fen only"),
    (0.01, "壹分", "one fen"),
    # One 零 for a zero or a run of zeros between figures.
    (101, "壹佰零壹元整", "zero between figures"),
    (1001, "壹仟零壹元整", "run of zeros: one 零"),
    (1050, "壹仟零伍拾元整", "zero in the 佰 place"),
    (10005, "壹万零伍元整", "zeros after 万"),
    (10010, "壹万零壹拾元整", "zeros after 万, then 拾"),
    (100100, "壹拾万零壹佰元整", "zeros across 万"),
    (1409.50, "壹仟肆佰零玖元伍角整", "article 52 (1): ￥1409.50"),
    (6007.14, "陆仟零柒元壹角肆分", "article 52 (2): ￥6007.14"),
    # Article 52 (3): first form when the 万 or 元 place is 0.
    (1680.32, "壹仟陆佰捌拾元零叁角贰分", "article 52 (3): ￥1680.32"),
    (107000.53, "壹拾万柒仟元零伍角叁分", "article 52 (3): ￥107000.53"),
    (10.5, "壹拾元零伍角整", "元 place 0, 角 not: 零"),
    # Article 52 (4): 角 is 0, 分 is not.
    (16409.02, "壹万陆仟肆佰零玖元零贰分", "article 52 (4): ￥16409.02"),
    (325.04, "叁佰贰拾伍元零肆分", "article 52 (4): ￥325.04"),
    (1.05, "壹元零伍分", "角 0, 分 5"),
    (10.05, "壹拾元零伍分", "one 零 for 元 and 角 places"),
    (1010101.01, "壹佰零壹万零壹佰零壹元零壹分", "zeros everywhere"),
    # 亿 and beyond.
    (100000000, "壹亿元整", "壹亿"),
    (100000001, "壹亿零壹元整", "zeros across 亿 and 万"),
    (110000000, "壹亿壹仟万元整", "万 section full after 亿"),
    (100010000, "壹亿零壹万元整", "零 then 壹万"),
    (200001000, "贰亿零壹仟元整", "an empty 万 section is a run of zeros"),
    (1000000000000, "壹万亿元整", "壹万亿"),
    (1000000000001, "壹万亿零壹元整", "壹万亿零壹"),
    (1234000000000000, "壹仟贰佰叁拾肆万亿元整", "万亿 sections"),
    (
        9999999999999999,
        "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整",
        "largest amount",
    ),
    # Rounding half up to the fen, whatever the type.
    (1.005, "壹元零壹分", "1.005 rounds up (the float is 1.00499…)"),
    (2.675, "贰元陆角捌分", "2.675 rounds up"),
    (0.004, "零元整", "less than half a fen is zero"),
    (0.005, "壹分", "half a fen rounds up"),
    (9.999, "壹拾元整", "rounding carries into 元"),
    (99999.995, "壹拾万元整", "rounding carries into 万"),
    (Decimal("12345.675"), "壹万贰仟叁佰肆拾伍元陆角捌分", "Decimal"),
    ("3.2", "叁元贰角整", "numeric string"),
    (None, "零元整", "empty amount"),
    (False, "零元整", "empty amount field"),
    # Negative amounts.
    (-1.5, "负壹元伍角整", "负 first"),
    (-12345.67, "负壹万贰仟叁佰肆拾伍元陆角柒分", "negative, every place"),
    (-0.05, "负伍分", "negative fen"),
    (-0.004, "零元整", "rounds to zero: no 负"),
]


class TestAmountToChinese(BaseCase):
    def test_cases(self):
        for amount, expected, why in CASES:
            with self.subTest(amount=amount, why=why):
                self.assertEqual(amount_to_chinese(amount), expected)

    def test_digit_by_digit(self):
        """Each capital figure in each place, by the place names."""
        digits = "壹贰叁肆伍陆柒捌玖"
        for value, digit in enumerate(digits, start=1):
            with self.subTest(digit=value):
                self.assertEqual(amount_to_chinese(value), f"{digit}元整")
                self.assertEqual(amount_to_chinese(value * 10), f"{digit}拾元整")
                self.assertEqual(amount_to_chinese(value * 100), f"{digit}佰元整")
                self.assertEqual(amount_to_chinese(value * 1000), f"{digit}仟元整")
                self.assertEqual(amount_to_chinese(value * 10000), f"{digit}万元整")
                self.assertEqual(amount_to_chinese(value / 10), f"{digit}角整")
                self.assertEqual(amount_to_chinese(value / 100), f"{digit}分")

    def test_never_two_zeros_in_a_row(self):
        """零 is never doubled, never last, and never before 元, 万 or 亿."""
        for amount in range(1, 200000, 7):
            text = amount_to_chinese(amount / 100 + amount)
            with self.subTest(amount=amount, text=text):
                self.assertNotIn("零零", text)
                for unit in "元万亿":
                    self.assertNotIn(f"零{unit}", text)
                self.assertTrue(text.endswith(("整", "分")))

    def test_refused(self):
        for amount in (10**16, -(10**16), float("inf"), float("nan"), "abc"):
            with self.subTest(amount=amount), self.assertRaises(ValueError):
                amount_to_chinese(amount)
        for amount in (True, [1], object()):
            with self.subTest(amount=amount), self.assertRaises(TypeError):
                amount_to_chinese(amount)


@tagged("post_install", "-at_install")
class TestAmountInWords(TransactionCase):
    def test_request_field(self):
        """The request shows its amount in capitals, as the requester types it."""
        requester = self.env.ref("oa_base.user_zhk_he_demo")
        request = (
            self.env["oa.approval.request"]
            .with_user(requester)
            .create(
                {
                    "type_id": self.env.ref("oa_approval.approval_type_general").id,
                    "subject": "购置打印纸",
                    "amount": 16409.02,
                    "reason": "日常办公",
                }
            )
        )
        self.assertEqual(request.amount_in_words, "壹万陆仟肆佰零玖元零贰分")
        request.amount = 0
        self.assertEqual(request.amount_in_words, "零元整")
