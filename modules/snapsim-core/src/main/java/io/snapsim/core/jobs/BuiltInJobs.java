package io.snapsim.core.jobs;

import io.snapsim.core.api.DataStream;
import io.snapsim.core.api.SinkDescriptor;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.FlatMapFunction;
import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.api.functions.KeyedCoProcessFunction;
import io.snapsim.core.api.functions.KeyedProcessFunction;
import io.snapsim.core.api.functions.RuntimeContext;
import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.source.RecordGenerator;
import io.snapsim.core.source.SequenceGeneratorSource;
import io.snapsim.core.source.TextFileSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The jobs a simulation file can name. Each is a real streaming job built with the public API;
 * its operators have fixed uids, so that faults and resumed runs can name them:
 * <ul>
 *   <li>{@code wordcount}: generated lines (or a text file) → tokenizer → counter (ValueState per
 *       word) → sink of "word,count" updates. Operators: source, tokenizer, counter, sink.</li>
 *   <li>{@code running-sum}: a sequence of numbers keyed by value mod {@code keys} → sum (ValueState
 *       per key) → sink of "key,sum" updates. Operators: source, sum, sink.</li>
 *   <li>{@code join}: orders and payments (two sources) connected on the order id → join (ValueState
 *       for the order, ListState for payments that came first, MapState of totals) → sink of joined
 *       "order,customer,amount" records. Operators: orders, payments, join, sink.</li>
 * </ul>
 */
public final class BuiltInJobs {
    private static final Map<String, Set<String>> PARAMETERS = new TreeMap<>(Map.of(
            "wordcount", Set.of("records", "vocabulary", "words-per-line", "partitions", "file"),
            "running-sum", Set.of("records", "keys", "partitions"),
            "join", Set.of("orders", "payments-per-order", "customers", "partitions")));

    private BuiltInJobs() {
    }

    public static Set<String> jobNames() {
        return PARAMETERS.keySet();
    }

    public static Set<String> parameterNames(String job) {
        Set<String> names = PARAMETERS.get(job);
        if (names == null) {
            throw new IllegalArgumentException("unknown job '" + job + "'; known jobs: " + String.join(", ", jobNames()));
        }
        return names;
    }

    /**
     * Builds the named job into {@code env} (whose checkpoint settings the caller has made) and
     * returns its graph.
     *
     * @throws IllegalArgumentException naming the parameter for an unknown job or a bad parameter
     */
    public static JobGraph build(String job, Map<String, Object> parameters, StreamExecutionEnvironment env,
                                 long seed, SinkDescriptor sink) {
        JobParameters p = new JobParameters(job, parameters, parameterNames(job));
        switch (job) {
            case "wordcount" -> wordCount(p, env, seed, sink);
            case "running-sum" -> runningSum(p, env, sink);
            case "join" -> join(p, env, seed, sink);
            default -> throw new IllegalArgumentException("unknown job '" + job + "'");
        }
        return env.getJobGraph(job);
    }

    private static void wordCount(JobParameters p, StreamExecutionEnvironment env, long seed, SinkDescriptor sink) {
        int partitions = p.positiveInt("partitions", 4);
        DataStream<String> lines;
        String file = p.string("file", null);
        if (file != null) {
            lines = env.fromSource(new TextFileSource("text-file", List.of(Path.of(file))), "source").uid("source");
        } else {
            long records = p.positiveLong("records", 20_000);
            int vocabulary = p.positiveInt("vocabulary", 100);
            int wordsPerLine = p.positiveInt("words-per-line", 5);
            long linesTotal = Math.max(1, records / wordsPerLine);
            long perSplit = (linesTotal + partitions - 1) / partitions;
            lines = env.fromSource(new SequenceGeneratorSource<>("lines", partitions, perSplit, seed,
                    new LineGenerator(vocabulary, wordsPerLine)), "source").uid("source");
        }
        lines.flatMap(new Tokenizer()).name("tokenizer").uid("tokenizer")
                .keyBy(new Identity())
                .process(new Counter()).name("counter").uid("counter")
                .sinkTo(sink).name("sink").uid("sink");
    }

    private static void runningSum(JobParameters p, StreamExecutionEnvironment env, SinkDescriptor sink) {
        long records = p.positiveLong("records", 100_000);
        long keys = p.positiveLong("keys", 1_000);
        int partitions = p.positiveInt("partitions", 4);
        env.fromSource(SequenceGeneratorSource.sequence("sequence", records, partitions), "source").uid("source")
                .keyBy(new ModuloKey(keys))
                .process(new Sum(keys)).name("sum").uid("sum")
                .sinkTo(sink).name("sink").uid("sink");
    }

    private static void join(JobParameters p, StreamExecutionEnvironment env, long seed, SinkDescriptor sink) {
        long orders = p.positiveLong("orders", 5_000);
        int perOrder = p.positiveInt("payments-per-order", 2);
        int customers = p.positiveInt("customers", 50);
        int partitions = p.positiveInt("partitions", 4);
        long ordersPerSplit = (orders + partitions - 1) / partitions;
        long paymentsPerSplit = (orders * perOrder + partitions - 1) / partitions;
        var orderStream = env.fromSource(new SequenceGeneratorSource<>("orders", partitions, ordersPerSplit, seed,
                new OrderGenerator(orders, customers, partitions)), "orders").uid("orders");
        var paymentStream = env.fromSource(new SequenceGeneratorSource<>("payments", partitions, paymentsPerSplit, seed,
                new PaymentGenerator(orders, perOrder, partitions)), "payments").uid("payments");
        orderStream.keyBy(new FirstField()).connect(paymentStream.keyBy(new FirstField()))
                .process(new OrderPaymentJoin()).name("join").uid("join")
                .sinkTo(sink).name("sink").uid("sink");
    }

    // ------------------------------------------------------------------ generators

    /** Line i of split s: words chosen from the vocabulary by a hash of (seed, s, i, j). */
    record LineGenerator(int vocabulary, int wordsPerLine) implements RecordGenerator<String> {
        @Override
        public String generate(long seed, int split, long index) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < wordsPerLine; j++) {
                long h = SequenceGeneratorSource.mix(seed, split, index * wordsPerLine + j);
                if (j > 0) {
                    line.append(' ');
                }
                line.append('w').append(Long.remainderUnsigned(h, vocabulary));
            }
            return line.toString();
        }
    }

    /** Order i (strided over splits) as "orderId,customer". */
    record OrderGenerator(long orders, int customers, int splits) implements RecordGenerator<String> {
        @Override
        public String generate(long seed, int split, long index) {
            long orderId = index * splits + split;
            long customer = Long.remainderUnsigned(SequenceGeneratorSource.mix(seed, -1, orderId), customers);
            return orderId + ",c" + customer;
        }

        @Override
        public boolean hasRecord(int split, long index, int numberOfSplits) {
            return index * numberOfSplits + split < orders;
        }
    }

    /** Payment k (strided over splits) for order (k * prime) mod orders, as "orderId,amount". */
    record PaymentGenerator(long orders, int perOrder, int splits) implements RecordGenerator<String> {
        @Override
        public String generate(long seed, int split, long index) {
            long k = index * splits + split;
            long orderId = Math.floorMod(k * 7919L, orders);
            long amount = 1 + Long.remainderUnsigned(SequenceGeneratorSource.mix(seed, -2, k), 100);
            return orderId + "," + amount;
        }

        @Override
        public boolean hasRecord(int split, long index, int numberOfSplits) {
            return index * numberOfSplits + split < orders * perOrder;
        }
    }

    // ------------------------------------------------------------------ functions

    static final class Tokenizer implements FlatMapFunction<String, String> {
        @Override
        public void flatMap(String line, Collector<String> out) {
            for (String word : line.split("\\s+")) {
                if (!word.isEmpty()) {
                    out.collect(word.toLowerCase());
                }
            }
        }
    }

    static final class Identity implements KeySelector<String, String> {
        @Override
        public String getKey(String value) {
            return value;
        }
    }

    static final class FirstField implements KeySelector<String, Long> {
        @Override
        public Long getKey(String value) {
            return Long.parseLong(value.substring(0, value.indexOf(',')));
        }
    }

    record ModuloKey(long keys) implements KeySelector<Long, Long> {
        @Override
        public Long getKey(Long value) {
            return value % keys;
        }
    }

    /** Counts words: ValueState "count" per word; emits "word,count" on every update. */
    static final class Counter extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class, 0L));
        }

        @Override
        public void processElement(String word, Context<String> ctx, Collector<String> out) {
            long n = count.value() + 1;
            count.update(n);
            out.collect(word + "," + n);
        }
    }

    /** A key and its running sum; prints as "key,sum" (the line a file sink writes). */
    public record KeySum(long key, long sum) {
        @Override
        public String toString() {
            return key + "," + sum;
        }
    }

    /** Sums values per key: ValueState "sum"; emits (key, sum) on every update. */
    static final class Sum extends KeyedProcessFunction<Long, Long, KeySum> {
        private final long keys;
        private transient ValueState<Long> sum;

        Sum(long keys) {
            this.keys = keys;
        }

        @Override
        public void open(RuntimeContext context) {
            sum = context.getState(new ValueStateDescriptor<>("sum", Long.class, 0L));
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<KeySum> out) {
            long s = sum.value() + value;
            sum.update(s);
            out.collect(new KeySum(value % keys, s));
        }
    }

    /**
     * Joins each payment with its order: payments that arrive before their order wait in ListState
     * "waiting"; the order is kept in ValueState "order"; MapState "totals" counts payments and sums
     * amounts per order.
     */
    static final class OrderPaymentJoin extends KeyedCoProcessFunction<Long, String, String, String> {
        private transient ValueState<String> order;
        private transient ListState<String> waiting;
        private transient MapState<String, Long> totals;

        @Override
        public void open(RuntimeContext context) {
            order = context.getState(new ValueStateDescriptor<>("order", String.class));
            waiting = context.getListState(new ListStateDescriptor<>("waiting", String.class));
            totals = context.getMapState(new MapStateDescriptor<>("totals", String.class, Long.class));
        }

        @Override
        public void processElement1(String orderRecord, KeyedProcessFunction.Context<Long> ctx, Collector<String> out) {
            order.update(orderRecord);
            String customer = orderRecord.substring(orderRecord.indexOf(',') + 1);
            for (String payment : waiting.get()) {
                emit(ctx.getCurrentKey(), customer, payment, out);
            }
            waiting.clear();
        }

        @Override
        public void processElement2(String payment, KeyedProcessFunction.Context<Long> ctx, Collector<String> out) {
            String o = order.value();
            if (o == null) {
                waiting.add(payment);
            } else {
                emit(ctx.getCurrentKey(), o.substring(o.indexOf(',') + 1), payment, out);
            }
        }

        private void emit(long orderId, String customer, String payment, Collector<String> out) {
            long amount = Long.parseLong(payment.substring(payment.indexOf(',') + 1));
            Long paid = totals.get("paid");
            Long count = totals.get("payments");
            totals.put("paid", (paid == null ? 0 : paid) + amount);
            totals.put("payments", (count == null ? 0 : count) + 1);
            out.collect(orderId + "," + customer + "," + amount);
        }
    }
}
