package dev.governor.archive.restore;

import dev.governor.archive.archiving.ArchiveConfig;
import dev.governor.archive.format.ArchiveKey;
import dev.governor.archive.format.ObjectFacts;
import dev.governor.archive.storage.ArchivedObjects;
import dev.governor.common.problem.ProblemType;
import dev.governor.service.kafka.KafkaSettings;
import dev.governor.service.problem.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * S3 to Kafka: plans a restore (which objects, how many records and bytes), runs it on a thread of its own
 * at its rate, records its progress in its job file after every object, and takes over a restore whose
 * replica stopped (its job file not updated for {@code stale-after}), resuming from the last finished object.
 */
@ApplicationScoped
public class Restorer {

    private static final Logger LOG = Logger.getLogger(Restorer.class);
    private static final java.util.regex.Pattern JOB_ID = java.util.regex.Pattern.compile("[0-9a-f-]{36}");

    private final ArchiveConfig archive;
    private final RestoreConfig config;
    private final ArchivedObjects objects;
    private final RestoreJobs jobs;
    private final Map<String, Object> kafka;
    private final MeterRegistry registry;
    private final String me = "archive-" + UUID.randomUUID();
    private final Map<String, RestoreJob> running = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "governor-restore");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "governor-restore-scan");
        thread.setDaemon(true);
        return thread;
    });
    private volatile KafkaProducer<byte[], byte[]> producer;

    Restorer(
            ArchiveConfig archive,
            RestoreConfig config,
            ArchivedObjects objects,
            RestoreJobs jobs,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.archive = archive;
        this.config = config;
        this.objects = objects;
        this.jobs = jobs;
        this.kafka = kafka;
        this.registry = registry;
        registry.gauge("governor.archive.restores.running", running, Map::size);
    }

    void start(@Observes StartupEvent ignored) {
        long every = config.scanEvery().toMillis();
        scanner.scheduleWithFixedDelay(this::takeOverStale, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        scanner.shutdownNow();
        runner.shutdownNow();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** What the request would restore. Blocking: reads the objects a range cuts through to count their records. */
    public RestorePlan plan(RestoreRequest request) {
        RestoreSelection selection = RestoreSelection.of(request, config.maxRate());
        requireTarget(request.targetTopic());
        try {
            List<ArchivedObjects.Stored> stored =
                    objects.stored(archive.prefix(), request.topic()).get();
            List<CompletableFuture<Optional<ObjectFacts>>> lookups =
                    stored.stream().map(s -> objects.facts(s.key())).toList();
            List<String> keys = new ArrayList<>();
            long records = 0;
            long bytes = 0;
            for (int i = 0; i < stored.size(); i++) {
                ArchiveKey key = stored.get(i).key();
                ObjectFacts facts = lookups.get(i).get().orElse(null);
                if (facts == null || !selection.takesFrom(key, facts)) {
                    continue;
                }
                long taken = selection.takesAll(key, facts) ? facts.records() : count(key, selection);
                if (taken > 0) {
                    keys.add(key.key());
                    records += taken;
                    bytes += stored.get(i).size();
                }
            }
            return new RestorePlan(request.topic(), request.targetTopic(), List.copyOf(keys), records, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted", 5);
        } catch (ExecutionException e) {
            throw ProblemException.unavailable(
                    "S3 did not answer: " + e.getCause().getMessage(), 5);
        }
    }

    /** Plans the restore, records it as a job and starts it. */
    public RestoreJob start(RestoreRequest request) {
        RestorePlan plan = plan(request);
        Instant now = Instant.now();
        RestoreJob job = new RestoreJob(
                UUID.randomUUID().toString(),
                request,
                RestoreJob.State.RUNNING,
                plan.objects(),
                0,
                plan.records(),
                0,
                plan.bytes(),
                now,
                now,
                null,
                me,
                null);
        jobs.save(job).join();
        launch(job);
        return job;
    }

    /** A restore's latest state: live while this replica runs it, else its job file. */
    public Optional<RestoreJob> status(String id) {
        if (!JOB_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        RestoreJob live = running.get(id);
        return live != null ? Optional.of(live) : jobs.find(id).join();
    }

    /** Every restore, newest first, live ones as they are now. */
    public List<RestoreJob> all() {
        return jobs.all().join().stream()
                .map(job -> running.getOrDefault(job.id(), job))
                .toList();
    }

    private void launch(RestoreJob job) {
        running.put(job.id(), job);
        Gauge.builder("governor.archive.restore.progress", running, r -> {
                    RestoreJob live = r.get(job.id());
                    return live == null ? 1 : live.progress();
                })
                .tag("restore", job.id())
                .description("A running restore's progress, 0 to 1 by records")
                .register(registry);
        runner.execute(() -> run(job));
    }

    private void run(RestoreJob start) {
        RestoreJob job = start;
        AtomicLong restored = new AtomicLong(job.recordsRestored());
        try {
            RestoreSelection selection = RestoreSelection.of(job.request(), config.maxRate());
            String target = job.request().targetTopic();
            KafkaProducer<byte[], byte[]> out = producer();
            int targetPartitions = out.partitionsFor(target).size();
            Pacer pacer = new Pacer(
                    job.request().ratePerSecond() == null
                            ? config.rate()
                            : job.request().ratePerSecond());
            long lastSaved = System.nanoTime();
            for (int i = job.objectsDone(); i < job.objects().size(); i++) {
                ArchiveKey key = ArchiveKey.parse(job.objects().get(i))
                        .orElseThrow(() -> new IllegalStateException("not an archive key"));
                AtomicReference<Exception> failure = new AtomicReference<>();
                long before = restored.get();
                RestoreJob current = job;
                int done = i;
                long[] saved = {lastSaved};
                objects.read(key, record -> {
                    if (!selection.takes(record)) {
                        return;
                    }
                    try {
                        pacer.next();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("stopped");
                    }
                    out.send(RestoredRecords.of(record, target, targetPartitions), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
                    running.put(current.id(), current.advanced(done, restored.incrementAndGet(), Instant.now()));
                    if (System.nanoTime() - saved[0] > config.heartbeat().toNanos()) {
                        jobs.save(current.advanced(done, before, Instant.now())).join();
                        saved[0] = System.nanoTime();
                    }
                });
                out.flush();
                if (failure.get() != null) {
                    throw failure.get();
                }
                registry.counter("governor.archive.restored.records", "target", target)
                        .increment(restored.get() - before);
                job = job.advanced(i + 1, restored.get(), Instant.now());
                jobs.save(job).join();
                lastSaved = System.nanoTime();
                running.put(job.id(), job);
            }
            job = job.finished(RestoreJob.State.DONE, null, Instant.now());
            LOG.infof("Restore %s done: %d records into %s", job.id(), job.recordsRestored(), target);
        } catch (Exception e) {
            LOG.errorf("Restore %s failed: %s", job.id(), e.getMessage());
            job = job.advanced(job.objectsDone(), job.recordsRestored(), Instant.now())
                    .finished(RestoreJob.State.FAILED, String.valueOf(e.getMessage()), Instant.now());
        } finally {
            try {
                jobs.save(job).join();
            } catch (RuntimeException e) {
                LOG.warnf("Could not record how restore %s ended: %s", job.id(), e.getMessage());
            }
            running.remove(job.id());
            registry.find("governor.archive.restore.progress")
                    .tag("restore", job.id())
                    .meters()
                    .forEach(registry::remove);
        }
    }

    /** Takes over restores whose replica stopped: any running one not heard of for {@code stale-after}. */
    private void takeOverStale() {
        try {
            Instant now = Instant.now();
            for (RestoreJob job : jobs.all().join()) {
                if (job.state() == RestoreJob.State.RUNNING
                        && !running.containsKey(job.id())
                        && job.updatedAt().plus(config.staleAfter()).isBefore(now)) {
                    jobs.save(job.ownedBy(me, now)).join();
                    Thread.sleep(1000);
                    RestoreJob claimed = jobs.find(job.id()).join().orElse(null);
                    if (claimed != null && me.equals(claimed.owner())) {
                        LOG.infof(
                                "Taking over restore %s from %s at object %d of %d",
                                job.id(),
                                job.owner(),
                                job.objectsDone(),
                                job.objects().size());
                        launch(claimed);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf("Could not look for restores to take over: %s", e.getMessage());
        }
    }

    private long count(ArchiveKey key, RestoreSelection selection) {
        long[] count = {0};
        objects.read(key, record -> {
            if (selection.takes(record)) {
                count[0]++;
            }
        });
        return count[0];
    }

    private void requireTarget(String target) {
        try (Admin admin = Admin.create(KafkaSettings.connection(kafka))) {
            admin.describeTopics(List.of(target)).allTopicNames().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw ProblemException.of(
                        ProblemType.INVALID_REQUEST, "The target topic " + target + " does not exist; create it first");
            }
            throw ProblemException.unavailable(
                    "Kafka did not answer: " + e.getCause().getMessage(), 5);
        } catch (java.util.concurrent.TimeoutException e) {
            throw ProblemException.unavailable("Kafka did not answer in time", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted", 5);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = RestoreProducers.create(kafka, "governor-archive-restore");
                }
                current = producer;
            }
        }
        return current;
    }
}
