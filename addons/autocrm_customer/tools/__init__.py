from . import db
from . import fields
from . import selection
