package ai.lepton.train.pretrained;

import ai.lepton.runtime.model.BertConfig;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;

/**
 * The pretrained models {@code pretrained:} finds offline, as a table: each hub id, where it is, and what it is (or why
 * Lepton cannot build it).
 */
public final class PretrainedTable {

    private PretrainedTable() {}

    public static Table offline() {
        StringColumn ids = StringColumn.create("pretrained");
        StringColumn where = StringColumn.create("found in");
        StringColumn shape = StringColumn.create("model");
        StringColumn folders = StringColumn.create("folder");
        for (PretrainedLocator.Found found : PretrainedLocator.offline()) {
            ids.append(found.hubId());
            where.append(found.where());
            shape.append(describe(found));
            folders.append(found.folder().toString());
        }
        return Table.create("pretrained models found offline", ids, where, shape, folders);
    }

    private static String describe(PretrainedLocator.Found found) {
        if (!Files.isRegularFile(found.folder().resolve(HuggingFaceFolder.CONFIG))) {
            return "made from the jar Lepton ships on first use";
        }
        try {
            BertConfig config = BertConfig.fromHuggingFace(HuggingFaceFolder.smallText(
                    found.folder().resolve(HuggingFaceFolder.CONFIG), HuggingFaceFolder.MAX_JSON));
            return config.modelType() + ", " + config.layers() + " layers × " + config.hiddenSize() + ", "
                    + config.heads() + " heads, up to " + config.maxPositions() + " word pieces";
        } catch (IllegalArgumentException | PretrainedException e) {
            return "not usable: " + e.getMessage();
        }
    }
}
