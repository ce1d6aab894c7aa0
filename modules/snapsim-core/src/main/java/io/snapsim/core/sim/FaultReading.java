package io.snapsim.core.sim;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of one {@code faults:} item while its {@link FaultType} reads it: the mapping under the
 * type's key (path {@code faults[i].type}), the run it is checked against, and the readers of the
 * values fault types share (subtasks, record numbers, checkpoint ids, times). Every problem is an
 * {@link InvalidInputException} naming the key path; the messages are the ones simulation files
 * have always been answered with, so that a fault type need not invent its own.
 *
 * <p>Made for one item and confined to the parsing thread.
 */
final class FaultReading {

    private final SpecNode body;
    private final RunShape shape;
    private final FaultTypes types;

    FaultReading(SpecNode body, RunShape shape, FaultTypes types) {
        this.body = body;
        this.shape = shape;
        this.types = types;
    }

    /** The fault types known to the parser, for items that name kinds (a {@code random} item). */
    FaultTypes types() {
        return types;
    }

    /** Whether the run takes checkpoints. */
    boolean checkpointing() {
        return shape.checkpointing();
    }

    /** A problem with the item as a whole. */
    InvalidInputException error(String problem) {
        return body.error(problem);
    }

    /**
     * The item's fields, checked to be a mapping of {@code keys} only.
     *
     * @param example what a good item looks like, for the message when it is not a mapping
     */
    Fields fields(List<String> keys, String example) {
        return new Fields(body.fields(keys, example));
    }

    /** The fields of the item's mapping by key. */
    final class Fields {
        private final Map<String, SpecNode> fields;

        private Fields(Map<String, SpecNode> fields) {
            this.fields = fields;
        }

        /** The field, absent if the item does not give it. */
        SpecNode get(String name) {
            return SpecNode.field(fields, body, name);
        }

        /** The field, which the item must give. */
        SpecNode required(String name) {
            SpecNode node = get(name);
            if (node.isAbsent()) {
                throw node.error("missing (required)");
            }
            return node;
        }
    }

    /** A subtask index that exists at the run's parallelism. */
    int subtask(SpecNode node) {
        int subtask = node.intValue();
        if (subtask < 0) {
            throw node.error("must not be negative, got " + subtask);
        }
        if (subtask >= shape.parallelism()) {
            throw node.error("subtask " + subtask + " does not exist at parallelism " + shape.parallelism()
                    + " (subtasks are 0.." + (shape.parallelism() - 1) + ")");
        }
        return subtask;
    }

    /** A record number, counted from 1. */
    static long recordNumber(SpecNode node) {
        long record = node.longValue();
        if (record < 1) {
            throw node.error("must be at least 1 (records are counted from 1), got " + record);
        }
        return record;
    }

    /** A checkpoint id, from 1, in a run that takes checkpoints. */
    long checkpointId(SpecNode node) {
        long checkpoint = node.longValue();
        if (checkpoint < 1) {
            throw node.error("must be at least 1 (checkpoint ids start at 1), got " + checkpoint);
        }
        if (!shape.checkpointing()) {
            throw node.error("checkpointing is off, so checkpoint " + checkpoint
                    + " never happens; set config '" + CheckpointingOptions.INTERVAL.key() + "'");
        }
        return checkpoint;
    }

    /** Milliseconds: a whole number, or a duration such as {@code 150 ms} or {@code 5 s}. */
    static long millis(SpecNode node) {
        if (node.isAbsent()) {
            throw node.error("missing value");
        }
        if (node.json().isIntegralNumber()) {
            long millis = node.longValue();
            if (millis < 0) {
                throw node.error("must not be negative, got " + millis);
            }
            return millis;
        }
        if (!node.json().isTextual()) {
            throw node.error("expected milliseconds or a duration such as '150 ms' or '5 s', got " + node.describe());
        }
        Duration duration;
        try {
            duration = Durations.parse(node.json().textValue());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage() + ", got " + node.describe());
        }
        if (duration.toNanosPart() % 1_000_000 != 0) {
            throw node.error("must be a whole number of milliseconds, got " + node.describe());
        }
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw node.error("too large, got " + node.describe());
        }
    }

    /** Milliseconds, at least 1: a delay that delays something. */
    static long positiveMillis(SpecNode node) {
        long millis = millis(node);
        if (millis < 1) {
            throw node.error("must be at least 1 ms, got " + node.describe());
        }
        return millis;
    }

    /** Exactly one of the position keys is given; the message names them in the order passed. */
    void requireExactlyOne(SpecNode... alternatives) {
        List<String> given = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SpecNode alternative : alternatives) {
            String name = alternative.path().substring(alternative.path().lastIndexOf('.') + 1);
            names.add("'" + name + "'");
            if (!alternative.isAbsent()) {
                given.add(name);
            }
        }
        if (given.size() == 1) {
            return;
        }
        String choices = names.size() == 2 ? names.get(0) + " or " + names.get(1)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        String got;
        if (given.isEmpty()) {
            got = names.size() == 2 ? "neither" : "none";
        } else if (given.size() == 2 && names.size() == 2) {
            got = "both";
        } else {
            got = String.join(" and ", given);
        }
        throw body.error("give exactly one of " + choices + ", got " + got);
    }

    /** The constants of {@code type} as a simulation file spells them, comma-separated. */
    static <E extends Enum<E>> String choices(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(FaultType.yamlName(constant));
        }
        return String.join(", ", names);
    }
}
