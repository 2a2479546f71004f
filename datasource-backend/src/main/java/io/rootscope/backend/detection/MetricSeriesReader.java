package io.rootscope.backend.detection;

import static io.rootscope.backend.db.schema.Tables.DIM_RESOURCE;

import io.rootscope.analytics.detection.MetricSelector;
import io.rootscope.analytics.detection.SeriesPoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;

/** Reads the series of one metric of every resource of a tenant from a {@link MetricSource}. */
final class MetricSeriesReader {

    private final DSLContext db;
    private final MetricSource source;

    MetricSeriesReader(DSLContext db, MetricSource source) {
        this.db = db;
        this.source = source;
    }

    /** The series of {@code metric} over [from, to), one per resource. */
    List<MetricSeries> read(long tenantId, MetricSelector metric, Instant from, Instant to) {
        Field<OffsetDateTime> time = source.time();
        Field<Double> value = source.value(metric.statistic());
        List<MetricSeries> series = new ArrayList<>();
        List<SeriesPoint> points = null;
        long currentResource = Long.MIN_VALUE;
        for (Record4<Long, String, OffsetDateTime, Double> row : db
                .select(DIM_RESOURCE.RESOURCE_ID, DIM_RESOURCE.URN, time, value)
                .from(source.jooqTable())
                .join(DIM_RESOURCE).on(DIM_RESOURCE.RESOURCE_ID.eq(source.resourceId()))
                .where(source.tenantId().eq(tenantId))
                .and(source.metric().eq(metric.metric()))
                .and(time.ge(from.atOffset(ZoneOffset.UTC)))
                .and(time.lt(to.atOffset(ZoneOffset.UTC)))
                .orderBy(DIM_RESOURCE.RESOURCE_ID, time)
                .fetch()) {
            if (row.value1() != currentResource) {
                currentResource = row.value1();
                points = new ArrayList<>();
                series.add(new MetricSeries(currentResource, row.value2(), metric, points));
            }
            if (!Double.isFinite(row.value4())) {
                continue; // a staleness marker or a broken sample is no observation
            }
            long millis = row.value3().toInstant().toEpochMilli();
            // Detectors work in milliseconds; of samples within one millisecond the last one stands.
            if (!points.isEmpty() && points.get(points.size() - 1).epochMillis() == millis) {
                points.remove(points.size() - 1);
            }
            points.add(new SeriesPoint(millis, row.value4()));
        }
        return series;
    }
}
