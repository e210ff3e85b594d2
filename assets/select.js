/* NativeSelect (dashboard/page/controls.py): the browser's own <select> of one choice, for the "Compare with"
   control. `options`: [{value, label}]; `value`: the value chosen ("" for none). A value the options do not hold
   (a link's own) is shown as the first option and kept as it is until something else is chosen. */
(function () {
  var h = window.React.createElement;

  function NativeSelect(props) {
    var options = Array.isArray(props.options) ? props.options : [];
    var value = props.value === null || props.value === undefined ? "" : String(props.value);
    return h(
      "select",
      {
        id: props.id,
        className: props.className,
        value: value,
        "aria-describedby": props.describedby || undefined,
        onChange: function (event) {
          if (props.setProps) {
            props.setProps({ value: event.target.value });
          }
        }
      },
      options.map(function (option) {
        return h("option", { key: String(option.value), value: String(option.value) }, String(option.label));
      })
    );
  }

  window.in2p3_components = Object.assign({}, window.in2p3_components, { NativeSelect: NativeSelect });
})();
