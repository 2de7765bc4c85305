package smarthome.common.readings;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;

/**
 * The values of a reading in the order of its type's fields, backed by an array: what decoders and
 * the simulator build, so a reading costs no hashing on the hot path. Immutable.
 */
public final class FieldValues extends AbstractMap<String, Object> {
  private final DeviceType type;
  private final Object[] values;

  /** @param values one per field of the type, in table order (the array is taken, not copied) */
  public FieldValues(DeviceType type, Object[] values) {
    if (values.length != type.fields().size()) {
      throw new IllegalArgumentException("values: " + type.wire() + " has " + type.fields().size() + " fields");
    }
    this.type = type;
    this.values = values;
  }

  public DeviceType type() {
    return type;
  }

  /** The i-th value in table order. */
  public Object at(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Object get(Object key) {
    List<FieldSpec> fields = type.fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return type.fieldNames().contains(key);
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return i < values.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (i >= values.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, Object> e = Map.entry(type.fields().get(i).name(), values[i]);
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }
}
