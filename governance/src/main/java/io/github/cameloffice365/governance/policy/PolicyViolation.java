package io.github.cameloffice365.governance.policy;

/**
 * One rule of the policy check that a run broke.
 *
 * @param rule     the rule's name, e.g. {@code destination-region}
 * @param found    the value found
 * @param expected what the rule expects
 * @param hint     what to do about it, or null
 */
public record PolicyViolation(String rule, String found, String expected, String hint) {

    /** {@code rule <rule>: found <found>; expected <expected>. <hint>} */
    public String describe() {
        return "rule " + rule + ": found " + found + "; expected " + expected + (hint == null ? "" : ". " + hint);
    }
}
