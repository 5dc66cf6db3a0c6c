package dev.rapport.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** The one JSON configuration of the web layer: ISO-8601 times, undefined numbers as null. */
final class Json {

  private Json() {}

  static ObjectMapper mapper() {
    SimpleModule undefined = new SimpleModule("undefined-as-null");
    undefined.addSerializer(Double.class, new UndefinedAsNull());
    undefined.addSerializer(double.class, new UndefinedAsNull());
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
        .registerModule(undefined)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
  }

  /**
   * JSON safe to place inside a {@code <script type="application/json">} element: the characters
   * that could end the element or start markup are escaped, which JSON allows inside strings (the
   * only place they can appear).
   */
  static String forScript(ObjectMapper mapper, Object value) {
    try {
      return mapper
          .writeValueAsString(value)
          .replace("<", "\\u003c")
          .replace(">", "\\u003e")
          .replace("&", "\\u0026")
          .replace("\u2028", "\\u2028")
          .replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write page data as JSON", e);
    }
  }

  /** A rate over zero followers is undefined, not zero; JSON has no NaN, so it says null. */
  private static final class UndefinedAsNull extends StdSerializer<Double> {
    UndefinedAsNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (v == null || v.isNaN() || v.isInfinite()) {
        g.writeNull();
      } else {
        g.writeNumber(v);
      }
    }
  }
}
