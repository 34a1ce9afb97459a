package dev.switchboard.sender.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Turns Jackson's reading errors into the field names and wording a client can act on. */
public final class JsonProblems {

    private JsonProblems() {}

    /** The JSON path of the offending value, {@code memberIds[2]} style; null when the whole body is wrong. */
    public static String fieldPath(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    /** What a JSON client should have sent for a value of this Java type. */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == java.util.UUID.class) {
            return "a string";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a different value";
    }
}
