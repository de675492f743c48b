# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Amounts in Chinese capital figures (大写金额), as vouchers and forms need them.

The rules are those of 《会计基础工作规范》 (财会字〔1996〕19号) article 52:

* capital figures 零壹贰叁肆伍陆柒捌玖 with 拾佰仟万亿 and 元角分; tens are
  written 壹拾 (壹拾万元整);
* a zero, or a run of zeros, between figures is written as one 零
  (壹万零伍元整, 壹仟零伍拾元整, 壹亿零壹元整);
* where the article allows either form — the 万 place is 0 but the 千 place is
  not, or the 元 place is 0 but the 角 place is not — the first form it gives is
  used: 壹拾万柒仟元零伍角叁分, 壹仟陆佰捌拾元零叁角贰分;
* 角 is 0 but 分 is not: 零 after 元 (壹元零伍分);
* an amount that stops at 元 or 角 ends with 整 (壹元伍角整); one with 分
  does not;
* amounts are rounded half up to the fen; a negative amount is prefixed 负.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
# Up to 9999万亿 (16 integer figures); beyond, a float has lost the fen.
LIMIT = 10**16


def _four(number):
    """``0 < number < 10000`` in figures with 拾佰仟, inner zeros as one 零."""
    text = ""
    zero = False
    for power in (3, 2, 1, 0):
        digit = number // 10**power % 10
        if digit:
            if zero and text:
                text += DIGITS[0]
            text += DIGITS[digit] + PLACES[power]
            zero = False
        else:
            zero = True
    return text


def _join(high, unit, low, low_width):
    """``high`` units of ``unit`` then ``low`` (less than ``10**low_width``).

    A 零 joins them when ``low`` does not fill its highest place
    (壹万零伍, 壹亿零壹); nothing follows when ``low`` is zero (壹拾万).
    """
    text = high + unit
    if low:
        if low < 10 ** (low_width - 1):
            text += DIGITS[0]
        text += _integer(low)
    return text


def _integer(number):
    """``0 < number < LIMIT`` in capital figures, without 元."""
    if number >= 10**8:
        return _join(_integer(number // 10**8), "亿", number % 10**8, 8)
    if number >= 10**4:
        return _join(_four(number // 10**4), "万", number % 10**4, 4)
    return _four(number)


def _to_decimal(amount):
    if amount is None or amount is False:
        return Decimal(0)
    if isinstance(amount, bool) or not isinstance(amount, int | float | Decimal | str):
        raise TypeError(f"Not an amount: {amount!r}")
    try:
        # str() of a float is its shortest exact repr: 1.005 stays 1.005.
        value = Decimal(str(amount).strip())
    except InvalidOperation as e:
        raise ValueError(f"Not an amount: {amount!r}") from e
    if not value.is_finite():
        raise ValueError(f"Not a finite amount: {amount!r}")
    return value


def amount_to_chinese(amount):
    """``amount`` (yuan) in Chinese capital figures, e.g. 壹万贰仟叁佰肆拾伍元陆角柒分.

    Accepts an int, a float, a ``Decimal`` or a numeric string; ``None`` and
    ``False`` (an empty amount field) read as zero. Raises ``ValueError`` for
    amounts of 10**16 yuan or more, or that are not finite numbers.
    """
    value = _to_decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    negative = value < 0
    fen_total = int(abs(value) * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    if yuan >= LIMIT:
        raise ValueError(f"Amount too large for capital figures: {amount!r}")
    if not fen_total:
        return "零元整"
    text = ""
    if yuan:
        text = _integer(yuan) + "元"
    if jiao:
        if yuan and yuan % 10 == 0:
            # 元 place is 0, 角 is not: 壹仟陆佰捌拾元零叁角贰分.
            text += DIGITS[0]
        text += DIGITS[jiao] + "角"
    if fen:
        if yuan and not jiao:
            text += DIGITS[0]
        text += DIGITS[fen] + "分"
    else:
        text += "整"
    return ("负" if negative else "") + text
