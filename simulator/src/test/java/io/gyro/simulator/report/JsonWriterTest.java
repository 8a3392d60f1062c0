package io.gyro.simulator.report;

import io.gyro.simulator.test.MiniJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonWriterTest
{
    @Test
    void shouldWriteDocumentsAStrictParserReadsBack()
    {
        final JsonWriter json = new JsonWriter();
        json.beginObject();
        json.name("text").value("quote \" backslash \\ newline \n tab \t bell \u0007");
        json.name("count").value(42L);
        json.name("ratio").value(0.5);
        json.name("nan").value(Double.NaN);
        json.name("flag").value(true);
        json.name("nothing").nullValue();
        json.name("empty").beginArray().endArray();
        json.name("list").beginArray().value(1L).beginObject().name("a").value("b").endObject().endArray();
        json.endObject();

        final Object parsed = MiniJson.parse(json.toString());

        assertEquals("quote \" backslash \\ newline \n tab \t bell \u0007", MiniJson.at(parsed, "text"));
        assertEquals(42L, MiniJson.at(parsed, "count"));
        assertEquals(0.5, MiniJson.at(parsed, "ratio"));
        assertEquals(null, MiniJson.at(parsed, "nan"));
        assertEquals(Boolean.TRUE, MiniJson.at(parsed, "flag"));
        assertEquals(List.of(), MiniJson.at(parsed, "empty"));
        assertEquals(List.of(1L, Map.of("a", "b")), MiniJson.at(parsed, "list"));
    }
}
