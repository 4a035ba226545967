"""Selections shared by the suite's models and reports.

- ``SATISFACTION``: the customer's answer from 1 (very dissatisfied) to 5 (very
  satisfied), asked in follow-ups and when a complaint is closed;
- ``selection_of``: the translated selection of another model's field, for a report
  column that copies it;
- ``selection_label``: the translated label of one value of a record's selection
  field, for messages (``"Claim X is Submitted"``).
"""

SATISFACTION = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]


def selection_of(model_name, field_name):
    """The translated selection of another model's field, for a report column that
    copies it."""

    def selection(records):
        field = records.env[model_name]._fields[field_name]
        return field._description_selection(records.env)

    return selection


def selection_label(records, field_name, value):
    """The label of ``value`` in the selection ``field_name`` of ``records``' model,
    in the language of their environment (``value`` itself when it is not one of
    the field's values)."""
    field = records._fields[field_name]
    return dict(field._description_selection(records.env)).get(value, value)
