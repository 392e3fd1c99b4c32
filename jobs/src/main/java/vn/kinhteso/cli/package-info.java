/**
 * The command line, {@code bin/kinhteso} and spark-submit's entry point: one picocli command per
 * subcommand; {@link vn.kinhteso.cli.Main} decides the exit codes. The commands parse and check
 * options, build the configuration, and call the stages; they compute nothing themselves.
 */
package vn.kinhteso.cli;
