package io.snapsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's complaint about a malformed command line into snapsim's one line: the option as
 * the user knows it and what is wrong ({@code "-D foo: expected key=value"},
 * {@code "--seed: 'x' is not a whole number"}), or for an unknown or missing argument a pointer to
 * the command's {@code --help}. picocli's own messages are written for its usage screen, which
 * snapsim does not print after an error, and some read oddly alone ("Value for option option '-D'
 * ... should be in KEY=VALUE format"). Stateless.
 */
final class OptionErrors {
    private OptionErrors() {
    }

    /** The line to print after {@code "snapsim: "}. */
    static String oneLine(ParameterException e) {
        String help = "see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'";
        if (e instanceof UnmatchedArgumentException unmatched) {
            return unmatched(unmatched, help);
        }
        if (e instanceof MissingParameterException missing) {
            return missing(missing, help);
        }
        if (e instanceof OverwrittenOptionException overwritten) {
            return name(overwritten.getOverwritten()) + ": given more than once";
        }
        if (e.getArgSpec() != null && e.getValue() != null) {
            return badValue(e.getArgSpec(), e.getValue());
        }
        return e.getMessage() + "; " + help;
    }

    private static String unmatched(UnmatchedArgumentException e, String help) {
        String first = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
        if (first.startsWith("-")) {
            List<String> suggestions = e.getSuggestions();
            String guess = suggestions.isEmpty() ? "" : "; did you mean " + suggestions.stream()
                    .map(s -> "'" + s + "'").collect(Collectors.joining(" or ")) + "?";
            return "unknown option '" + first + "'" + guess + (guess.isEmpty() ? "; " : " ") + help;
        }
        boolean hasCommands = !e.getCommandLine().getSubcommands().isEmpty();
        return (hasCommands ? "unknown command '" : "unexpected argument '") + first + "'; " + help;
    }

    /** A required argument or option not given, or an option given without its value. */
    private static String missing(MissingParameterException e, String help) {
        List<ArgSpec> missing = e.getMissing();
        ArgSpec first = missing == null || missing.isEmpty() ? null : missing.get(0);
        if (first instanceof PositionalParamSpec positional) {
            return "missing " + positional.paramLabel() + "; " + help;
        }
        if (first instanceof OptionSpec option && !e.getMessage().contains("parameter for option")) {
            return "missing option " + option.longestName() + "; " + help; // a required option not given
        }
        if (first != null) {
            String label = first.paramLabel();
            return name(first) + ": missing value" + (label.startsWith("<") ? "" : " " + label);
        }
        return e.getMessage() + "; " + help;
    }

    private static String badValue(ArgSpec spec, String value) {
        if (Map.class.isAssignableFrom(spec.type())) {
            return name(spec) + " " + value + ": expected " + spec.paramLabel();
        }
        Class<?> type = spec.type();
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return name(spec) + ": '" + value + "' is not a whole number";
        }
        return name(spec) + ": bad value '" + value + "'";
    }

    /** The option's short name, as snapsim's messages call it ({@code -p}, {@code --seed}), or a parameter's label. */
    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.shortestName() : spec.paramLabel();
    }

    /** Installs this as {@code cli}'s handler: the line on {@code err}, no usage, exit code 2. */
    static void install(CommandLine cli, PrintWriter err) {
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("snapsim: " + oneLine(e));
            return SnapsimCommand.EXIT_BAD_INPUT;
        });
    }
}
