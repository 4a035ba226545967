from . import res_company
from . import product_template
from . import stock_warehouse
from . import res_partner
