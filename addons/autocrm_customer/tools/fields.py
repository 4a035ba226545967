"""Field types the suite needs beyond Odoo's own."""

from odoo import fields


class NullableFloat(fields.Float):
    """A Float that stores no value as NULL instead of 0.

    Odoo's Float writes ``False`` as 0.0, which an average (``aggregator="avg"``,
    PostgreSQL's ``avg``) counts: a figure that may be missing (a satisfaction the
    customer did not give) would pull averages down. This one keeps ``False`` as
    NULL in the database and the cache, so that averages leave it out; records
    still read it as 0.0, as any Float."""

    def convert_to_column(self, value, record, values=None, validate=True):
        if value is None or value is False:
            return None
        return super().convert_to_column(value, record, values, validate)

    def convert_to_write(self, value, record):
        # what the ORM flushes: Float's would be 0.0
        if value is None or value is False:
            return False
        return super().convert_to_write(value, record)

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        return super().convert_to_cache(value, record, validate)
