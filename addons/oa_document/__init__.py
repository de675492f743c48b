from . import models
from . import wizard
from . import report
from .hooks import post_init_hook
