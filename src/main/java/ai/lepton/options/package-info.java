/**
 * Options declared once: an {@link ai.lepton.options.Option} is a name, a type, a default, what it accepts and what it
 * does; an {@link ai.lepton.options.OptionTable} of them parses YAML cell bodies ({@link ai.lepton.options.YamlLines}),
 * magic arguments and recorded parameters, checks them, and writes their help. The hyperparameters of training, the
 * options of a sweep and of a promotion are tables of this package, each with a builder whose typed {@code opt*}
 * methods set them. A choice is an enum (or, for a set of names that may grow, a list of words), refused and helped in
 * the same words either way; a metric is read as the {@link ai.lepton.track.Metric} it names.
 */
package ai.lepton.options;
