package dev.governor.archive.verify;

import java.util.List;

/** The answer of {@code archive verify}: per topic and partition, and whether all is well. */
public record VerifyReport(boolean ok, boolean contentChecked, List<TopicReport> topics) {

    public record TopicReport(String topic, boolean ok, List<PartitionReport> partitions) {}
}
