"""The page's own form controls, accessible by construction: drawn in the browser by assets/controls.js.

Dash 4's ``dcc.Checklist`` and ``dcc.RadioItems`` draw a ``listbox`` whose ``option`` elements hold the inputs
(two roles for one control, no name: axe's ``nested-interactive`` and ``aria-input-field-name``), and
``dcc.Dropdown`` a hidden focus target in the tab order (``aria-hidden-focus``). A :class:`ChoiceGroup` is the
plain HTML a screen reader and a keyboard know: a ``fieldset`` named by its ``legend``, one native check box or
radio button per option, each with its ``label``; Tab, Space and the arrow keys work as in any form. Its
``value`` is the list of ticked values (check boxes) or the chosen one (radio buttons), like the dcc components
it replaces, so the callbacks read and set it the same way.
"""

from __future__ import annotations

from dash.development.base_component import Component

#: Where assets/controls.js puts its React components (``window.in2p3_components``).
NAMESPACE = "in2p3_components"


class ChoiceGroup(Component):
    """Check boxes (``multiple=True``) or radio buttons in a fieldset.

    ``options``: ``[{"value", "label", "code"?, "color"?}]`` (``code`` is shown in bold before the label, ``color``
    as a swatch); ``legend`` names the group, ``hint`` describes it (``aria-describedby``); ``collapsible`` draws
    the options in a disclosure (``details``/``summary``) for long lists, open when an option is ticked;
    ``summary_count`` is the text after the legend there, ``{n}`` standing for the number ticked.
    """

    _children_props: list[str] = []
    _base_nodes = ["children"]
    _namespace = NAMESPACE
    _type = "ChoiceGroup"
    _props = ("id", "options", "value", "multiple", "legend", "hint", "collapsible", "summary_count", "className")

    def __init__(self, **kwargs):
        unknown = set(kwargs) - set(self._props)
        if unknown:
            raise TypeError(f"ChoiceGroup has no properties {sorted(unknown)}")
        self._prop_names = list(self._props)
        self._valid_wildcard_attributes = []
        self.available_properties = list(self._props)
        self.available_wildcard_properties = []
        super().__init__(**kwargs)


class NativeSelect(Component):
    """A native ``select`` of one choice (the browser's own list: keyboard, screen readers and phones know it).

    ``options``: ``[{"value", "label"}]``; ``value`` the one chosen (a value of the options; "" for the first, when
    it stands for none); ``describedby``: the id of the hint that describes it (``aria-describedby``). Drawn by
    assets/select.js.
    """

    _children_props: list[str] = []
    _base_nodes = ["children"]
    _namespace = NAMESPACE
    _type = "NativeSelect"
    _props = ("id", "options", "value", "describedby", "className")

    def __init__(self, **kwargs):
        unknown = set(kwargs) - set(self._props)
        if unknown:
            raise TypeError(f"NativeSelect has no properties {sorted(unknown)}")
        self._prop_names = list(self._props)
        self._valid_wildcard_attributes = []
        self.available_properties = list(self._props)
        self.available_wildcard_properties = []
        super().__init__(**kwargs)
