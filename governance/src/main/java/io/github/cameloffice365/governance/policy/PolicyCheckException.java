package io.github.cameloffice365.governance.policy;

import java.util.List;
import java.util.stream.Collectors;

/** The destination of a run broke one or more rules of the policy check; the run ended before any data was read. */
public class PolicyCheckException extends RuntimeException {

    private final transient List<PolicyViolation> violations;

    public PolicyCheckException(String subject, List<PolicyViolation> violations) {
        super("Policy check failed for " + subject + ": " + violations.stream().map(PolicyViolation::describe)
                .collect(Collectors.joining("; and ")));
        this.violations = List.copyOf(violations);
    }

    /** The rules broken, in the order they were checked. */
    public List<PolicyViolation> getViolations() {
        return violations;
    }
}
