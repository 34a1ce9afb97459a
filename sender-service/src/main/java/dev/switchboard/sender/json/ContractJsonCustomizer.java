package dev.switchboard.sender.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.switchboard.events.EventCodec;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Makes the REST layer print JSON exactly like the events (same codec conventions), and read it strictly:
 * a number or boolean where the contract wants a string is a client error (400 naming the field), not something
 * to coerce silently, and a field the request does not have is a 400 naming it.
 */
@Singleton
public class ContractJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventCodec.configure(mapper);
        // Events are read leniently (a newer producer may add fields); requests are not: {"content":"x","seq":99}
        // is a client that believes it set something, and gets a 400 naming the field instead of a silent 201.
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        var textual = mapper.coercionConfigFor(LogicalType.Textual);
        textual.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        textual.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        textual.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        var integers = mapper.coercionConfigFor(LogicalType.Integer);
        integers.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        integers.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }

    @Override
    public int priority() {
        // After Quarkus' own customizers, so our time format wins over the default JavaTimeModule one.
        return MINIMUM_PRIORITY;
    }
}
