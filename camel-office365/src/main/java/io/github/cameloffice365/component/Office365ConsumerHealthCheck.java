package io.github.cameloffice365.component;

import java.util.Map;

import io.github.cameloffice365.run.RunSummary;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.support.ScheduledPollConsumerHealthCheck;

/**
 * Readiness of an office365 consumer: what every scheduled poll consumer reports, and also DOWN while its last run
 * failed as a whole (governance refused it, the user list could not be read, a part could not be written). Failed
 * users alone do not make it DOWN; they are counted in the details.
 */
public class Office365ConsumerHealthCheck extends ScheduledPollConsumerHealthCheck {

    private final Office365Consumer consumer;

    public Office365ConsumerHealthCheck(Office365Consumer consumer, String id) {
        super(consumer, id);
        this.consumer = consumer;
    }

    @Override
    public Result call(Map<String, Object> options) {
        Result polled = super.call(options);
        if (polled.getState() == State.DOWN) {
            return polled;
        }
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        builder.details(polled.getDetails());
        RunSummary last = consumer.getLastRun();
        if (last != null) {
            builder.detail("office365.last.run.id", last.runId());
            builder.detail("office365.last.run.status", last.status().name());
            builder.detail("office365.last.run.rows", last.rows());
            builder.detail("office365.last.run.failed.users", last.failedUsers().size());
        }
        String failure = consumer.getLastRunFailure();
        if (failure != null) {
            return builder.message(failure).down().build();
        }
        return builder.state(polled.getState()).build();
    }
}
