package io.github.cameloffice365.run;

/**
 * An endpoint option with a value that cannot work. The message names the option, the value and what is accepted;
 * it is thrown when the endpoint starts, before any network call.
 */
public class OptionException extends IllegalArgumentException {

    private final String option;

    public OptionException(String option, Object value, String accepted) {
        super("Invalid value for option " + option + ": '" + value + "'. " + accepted);
        this.option = option;
    }

    /** The option whose value is wrong. */
    public String option() {
        return option;
    }
}
