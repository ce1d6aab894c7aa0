package io.snapsim.report;

import io.snapsim.core.config.ConfigOption;
import io.snapsim.core.config.ConfigOptions;
import io.snapsim.core.run.RunInputs;
import java.util.Map;
import java.util.Optional;

/**
 * The run's options that differ from snapsim's defaults, as {@code run.json} records them: key,
 * value, where the value came from, and the default it replaced. Options set to their default
 * value are counted, not listed. Stateless.
 */
final class ConfigurationTable {
    private ConfigurationTable() {
    }

    static String render(RunInputs inputs) {
        StringBuilder rows = new StringBuilder();
        int same = 0;
        for (Map.Entry<String, RunInputs.ConfigValue> e : inputs.configuration().entrySet()) {
            Optional<ConfigOption<?>> option = ConfigOptions.forKey(e.getKey());
            if (option.isPresent() && isDefault(option.get(), e.getValue().value())) {
                same++;
                continue;
            }
            rows.append("<tr><td><code>").append(Html.text(e.getKey())).append("</code></td><td><code>")
                    .append(Html.text(e.getValue().value())).append("</code></td><td>").append(Html.text(e.getValue().origin()))
                    .append("</td><td>").append(option.flatMap(ConfigOption::defaultAsText).map(d -> "<code>" + Html.text(d)
                            + "</code>").orElse("<span class=\"muted\">unset</span>")).append("</td></tr>");
        }
        if (rows.isEmpty()) {
            return "<p class=\"muted\">Every option has its default value" + (same > 0 ? " (" + same + " set to it)" : "")
                    + ".</p>";
        }
        return "<table class=\"config\"><thead><tr><th>key</th><th>value</th><th>set by</th><th>default</th></tr></thead><tbody>"
                + rows + "</tbody></table>" + (same == 0 ? "" : "<p class=\"muted\">" + Format.plural(same, "more option")
                + " set to " + (same == 1 ? "its" : "their") + " default value.</p>");
    }

    /** Whether {@code raw} means the option's default (compared as parsed values: {@code 10s} is {@code 10 s}). */
    private static boolean isDefault(ConfigOption<?> option, String raw) {
        if (option.defaultValue().isEmpty()) {
            return false;
        }
        try {
            return option.parse(raw).equals(option.defaultValue().get());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
