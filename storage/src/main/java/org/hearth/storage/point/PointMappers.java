package org.hearth.storage.point;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every mapper Hearth writes with, dispatched on the record's class, so that one sink can take a
 * stream of mixed records. Unknown types are an error, not a silent skip.
 */
public final class PointMappers implements PointEncoder<Object> {

    private final LinkedHashMap<Class<?>, PointMapper<?>> byType = new LinkedHashMap<>();

    /** The mappers for every record type Hearth stores. */
    public static PointMappers standard(HomeCohorts cohorts) {
        return new PointMappers()
                .register(new SensorEventPoints(cohorts))
                .register(new AlertPoints(cohorts))
                .register(new LifecycleEventPoints(cohorts))
                .register(new DeliveryPoints())
                .register(new ActivityPoints(cohorts))
                .register(new DayPoints(cohorts))
                .register(new BaselinePoints(cohorts))
                .register(new HomeStatusPoints(cohorts))
                .register(new RuleThresholdPoints(cohorts));
    }

    public <T> PointMappers register(PointMapper<T> mapper) {
        byType.put(mapper.type(), mapper);
        return this;
    }

    /** The schemas of every registered mapper, in registration order. */
    public List<PointSchema> schemas() {
        List<PointSchema> schemas = new ArrayList<>();
        byType.values().forEach(m -> schemas.add(m.schema()));
        return schemas;
    }

    public Map<Class<?>, PointMapper<?>> mappers() {
        return Map.copyOf(byType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public StoredPoint encode(Object value) {
        PointMapper<Object> mapper = (PointMapper<Object>) byType.get(value.getClass());
        if (mapper == null) {
            throw new IllegalArgumentException("no point mapper for " + value.getClass().getName());
        }
        return mapper.encode(value);
    }
}
