from . import test_competition
