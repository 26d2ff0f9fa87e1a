package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.ImageFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static final Set<String> VALUES = Set.of("name", "format");
  private static final Set<String> FLAGS = Set.of("wait");

  @Test
  void readsSpaceAndEqualsFormsFlagsAndPositionals() {
    Args a = Args.parse(List.of("web", "--name=demo x", "--format", "QcOw2", "--wait"), VALUES, FLAGS);
    assertEquals("demo x", a.value("name"));
    assertEquals(ImageFormat.QCOW2, a.choice("format", ImageFormat.class));
    assertTrue(a.flag("wait"));
    assertEquals("web", a.target("id"));
  }

  @Test
  void aValueMayStartWithDashesAfterTheOptionAndDoubleDashEndsOptions() {
    Args a = Args.parse(List.of("--name", "--odd", "--", "--not-an-option"), VALUES, FLAGS);
    assertEquals("--odd", a.value("name"));
    assertEquals("--not-an-option", a.target("id"));
    assertNull(a.value("format"));
  }

  @Test
  void rejectsWhatTheCommandDoesNotTake() {
    assertEquals("unknown option --nmae", assertThrows(UsageException.class,
        () -> Args.parse(List.of("--nmae", "x"), VALUES, FLAGS)).getMessage());
    assertEquals("--name needs a value", assertThrows(UsageException.class,
        () -> Args.parse(List.of("--name"), VALUES, FLAGS)).getMessage());
    assertEquals("--wait takes no value", assertThrows(UsageException.class,
        () -> Args.parse(List.of("--wait=yes"), VALUES, FLAGS)).getMessage());
    assertEquals("unexpected argument 'b'", assertThrows(UsageException.class,
        () -> Args.parse(List.of("a", "b"), VALUES, FLAGS).target("id")).getMessage());
    assertEquals("--format must be one of qcow2, raw, iso, got 'vmdk'", assertThrows(UsageException.class,
        () -> Args.parse(List.of("--format", "vmdk"), VALUES, FLAGS).choice("format", ImageFormat.class))
        .getMessage());
  }

  @Test
  void aRepeatableOptionCollectsEveryValueAndCommaLists() {
    Args a = Args.parse(List.of("--group", "a,b", "--group=c", "--name", "x"), VALUES, FLAGS, Set.of("group"));
    assertEquals(List.of("a", "b", "c"), a.values("group"));
    assertEquals(List.of(), Args.parse(List.of(), VALUES, FLAGS, Set.of("group")).values("group"));
    assertThrows(UsageException.class, () -> Args.parse(List.of("--name", "a", "--name", "b"), VALUES, FLAGS,
        Set.of("group")));
  }
}
