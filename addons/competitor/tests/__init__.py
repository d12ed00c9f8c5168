from . import test_competition
from . import test_loss_and_win
from . import test_intelligence_swot
from . import test_competitor_analysis
