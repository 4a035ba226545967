from . import db
from . import selection
