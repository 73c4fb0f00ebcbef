package io.github.spencerpark.jupyter.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test stand-in for IJava's display data: MIME type to content; like IJava's, no empty constructor.
 */
public class DisplayData {
  public final Map<String, Object> data = new LinkedHashMap<>();

  public DisplayData(String text) {
    data.put("text/plain", text);
  }

  public void putData(String mimeType, Object value) {
    data.put(mimeType, value);
  }
}
