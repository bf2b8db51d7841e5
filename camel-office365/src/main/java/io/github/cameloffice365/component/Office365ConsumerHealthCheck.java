package io.github.cameloffice365.component;

import java.util.Map;

import io.github.cameloffice365.run.RunSummary;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of an office365 consumer: DOWN while its last run failed as a whole (governance refused it, the user list
 * could not be read, a part could not be written), UP otherwise. Failed users alone do not make it DOWN; they are in
 * the details.
 */
public class Office365ConsumerHealthCheck extends AbstractHealthCheck {

    private final Office365Consumer consumer;

    public Office365ConsumerHealthCheck(Office365Consumer consumer, String routeId) {
        super("camel", "consumer:office365-" + routeId);
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RunSummary last = consumer.getLastRun();
        if (last != null) {
            builder.detail("office365.last.run.id", last.runId());
            builder.detail("office365.last.run.status", last.status().name());
            builder.detail("office365.last.run.rows", last.rows());
            builder.detail("office365.last.run.failed.users", last.failedUsers().size());
        }
        String failure = consumer.getLastRunFailure();
        if (failure != null) {
            builder.message(failure);
            builder.down();
        } else {
            builder.up();
        }
    }
}
