package io.snapsim.core.sim;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.snapsim.core.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * YAML text as a tree of {@link SpecNode}s, and values of the tree as plain Java values. A key
 * given twice is an error, and a syntax error is one line naming where and what, without
 * SnakeYAML's multi-line excerpt of the file.
 *
 * <p>Immutable after construction; the underlying mapper may be shared between threads.
 */
final class YamlTree {

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'");

    private final YAMLMapper mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The root of {@code yaml}, which {@code file} stands for in messages. */
    SpecNode read(String yaml, Path file) {
        try {
            return new SpecNode(file, "", mapper.readTree(yaml));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": " + describeSyntaxError(e), e);
        }
    }

    /** A scalar, list or mapping as plain values (strings, numbers, booleans, lists, maps). */
    Object plain(JsonNode node) {
        return mapper.convertValue(node, Object.class);
    }

    /** A mapping as plain values, in the file's order. */
    @SuppressWarnings("unchecked")
    Map<String, Object> plainMapping(JsonNode node) {
        return mapper.convertValue(node, LinkedHashMap.class);
    }

    private static String describeSyntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark at = yaml.getProblemMark();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext()
                    + (yaml.getContextMark() == null ? "" : " started at line " + (yaml.getContextMark().getLine() + 1)
                            + ", column " + (yaml.getContextMark().getColumn() + 1)) + ")";
            return "YAML syntax error at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ": "
                    + SpecNode.firstLine(yaml.getProblem()).orElse("unreadable") + context;
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String problem = SpecNode.firstLine(e.getOriginalMessage()).orElse(e.getClass().getSimpleName());
        Matcher duplicate = DUPLICATE_KEY.matcher(problem);
        if (duplicate.matches()) {
            return "key '" + duplicate.group(1) + "' is given twice" + (where.isEmpty() ? "" : " (second time" + where + ")");
        }
        return "YAML syntax error" + where + ": " + problem;
    }
}
