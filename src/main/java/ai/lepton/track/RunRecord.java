package ai.lepton.track;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import java.time.Instant;
import java.util.Map;

/**
 * A run as the store holds it.
 *
 * @param id          the run's id
 * @param name        the name given when it started
 * @param owner       who started it (the store's user); null for a run recorded before runs had owners
 * @param status      where it stands
 * @param startedAt   when it started
 * @param endedAt     when it ended; null while RUNNING
 * @param parentId    the run it belongs to or builds on (a sweep, a fine-tuned base), or null
 * @param trial       its number among the trials of the sweep {@code parentId}, or null when it is no trial
 * @param params      its hyperparameters, as text
 * @param tags        its tags
 * @param environment what it ran on (JSON): JDK, OS, versions, device, git, notebook
 * @param lineage     what it learnt from: the dataset and its fingerprint, the preparation, the held-out rows
 */
public record RunRecord(
        String id,
        String name,
        String owner,
        RunStatus status,
        Instant startedAt,
        Instant endedAt,
        String parentId,
        Integer trial,
        Map<String, String> params,
        Map<String, String> tags,
        String environment,
        Lineage lineage) {

    private static final Gson GSON = new Gson();

    public RunRecord {
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
        lineage = lineage == null ? Lineage.NONE : lineage;
    }

    /** This run with {@code params} and {@code tags}, which the store reads apart from its row. */
    RunRecord withParamsAndTags(Map<String, String> params, Map<String, String> tags) {
        return new RunRecord(
                id, name, owner, status, startedAt, endedAt, parentId, trial, params, tags, environment, lineage);
    }

    /** The value of one of the tags Lepton writes, or null when the run has none. */
    public String tag(Tag tag) {
        return tags.get(tag.key());
    }

    /** The environment as a map of facts. */
    public Map<String, Object> environmentMap() {
        return environment == null
                ? Map.of()
                : GSON.fromJson(environment, new TypeToken<Map<String, Object>>() {}.getType());
    }
}
