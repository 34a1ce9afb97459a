package dev.switchboard.sender.json;

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
 * to coerce silently.
 */
@Singleton
public class ContractJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventCodec.configure(mapper);
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
