package ai.lepton.promote;

import java.time.Instant;

/**
 * One move of an alias, kept forever in the model's alias history.
 *
 * @param alias    the alias moved
 * @param version  the version it points to now
 * @param previous the version it pointed to before; null when new
 * @param at       when
 * @param by       who moved it
 */
public record AliasChange(String alias, String version, String previous, Instant at, String by) {}
