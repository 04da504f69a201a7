package ai.lepton.promote;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The registry as a table: one row per version, newest model versions last, with aliases, source run and metrics. */
public final class ModelTable {

    private ModelTable() {}

    /** Every version of the models named (all models when {@code names} is empty). */
    public static Table of(Registry registry, List<String> names) {
        StringColumn model = StringColumn.create("model");
        StringColumn version = StringColumn.create("version");
        StringColumn aliases = StringColumn.create("aliases");
        StringColumn run = StringColumn.create("run");
        StringColumn created = StringColumn.create("created");
        StringColumn by = StringColumn.create("promoted_by");
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn value = DoubleColumn.create("value");
        for (String name : names.isEmpty() ? registry.models() : names) {
            Map<String, String> aliasOf = registry.aliases(name);
            for (ModelVersion entry : registry.versions(name)) {
                model.append(entry.name());
                version.append(entry.version());
                aliases.append(aliasOf.entrySet().stream()
                        .filter(alias -> alias.getValue().equals(entry.version()))
                        .map(Map.Entry::getKey)
                        .sorted()
                        .collect(Collectors.joining(", ")));
                run.append(entry.runId() + " (" + entry.runName() + ")");
                created.append(entry.created().toString().substring(0, 19).replace('T', ' '));
                by.append(entry.promotedBy());
                Map.Entry<String, Double> headline = entry.metrics().entrySet().stream()
                        .filter(m ->
                                m.getKey().equals("test_accuracy") || m.getKey().equals("test_rmse"))
                        .findFirst()
                        .orElse(null);
                metric.append(headline == null ? "" : headline.getKey());
                value.append(headline == null ? Double.NaN : headline.getValue());
            }
        }
        return Table.create("models in " + registry.root(), model, version, aliases, run, created, by, metric, value);
    }
}
