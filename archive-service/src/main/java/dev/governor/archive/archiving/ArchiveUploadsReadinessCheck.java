package dev.governor.archive.archiving;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while archive uploads fail (S3 unreachable, or refusing writes while HeadBucket still answers), with
 * the time they started failing and the latest reason; consumption is paused meanwhile and nothing committed.
 */
@Readiness
@ApplicationScoped
public class ArchiveUploadsReadinessCheck implements HealthCheck {

    private final UploadHealth health;
    private final TopicArchiver archiver;

    ArchiveUploadsReadinessCheck(UploadHealth health, TopicArchiver archiver) {
        this.health = health;
        this.archiver = archiver;
    }

    @Override
    public HealthCheckResponse call() {
        UploadHealth.Failing failing = health.failing();
        if (failing == null) {
            return HealthCheckResponse.named("Archive uploads")
                    .up()
                    .withData("paused", archiver.paused())
                    .build();
        }
        return HealthCheckResponse.named("Archive uploads")
                .down()
                .withData("failingSince", failing.since().toString())
                .withData("reason", failing.reason())
                .withData("paused", archiver.paused())
                .build();
    }
}
