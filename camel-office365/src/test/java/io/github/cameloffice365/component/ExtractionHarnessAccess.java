package io.github.cameloffice365.component;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.GraphSimulator;

/** Lets tests of other packages run an extraction through {@link ExtractionHarness}. */
public final class ExtractionHarnessAccess {

    private ExtractionHarnessAccess() {
    }

    /** Runs the table with these endpoint options and returns every row written; fails if the run did not succeed. */
    public static List<ObjectNode> extract(GraphSimulator simulator, Path work, String table, Map<String, String> options)
            throws Exception {
        ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work).run(ExtractionHarness.uri(table, options));
        if (outcome.startFailure != null) {
            throw new AssertionError("The route did not start: " + outcome.startFailureMessage(), outcome.startFailure);
        }
        if (!"SUCCEEDED".equals(outcome.summary.path("status").asText())) {
            throw new AssertionError("The run did not succeed: " + outcome.summary.toPrettyString());
        }
        return outcome.rows();
    }
}
