/**
 * Options declared once: an {@link ai.lepton.options.Option} is a name, a type, a default, what it accepts and what it
 * does; an {@link ai.lepton.options.OptionTable} of them parses YAML cell bodies ({@link ai.lepton.options.YamlLines}),
 * magic arguments and recorded parameters, checks them, and writes their help. The hyperparameters of training, the
 * options of a sweep and of a promotion are tables of this package.
 */
package ai.lepton.options;
