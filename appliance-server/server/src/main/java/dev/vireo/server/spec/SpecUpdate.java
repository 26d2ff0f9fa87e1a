package dev.vireo.server.spec;

import dev.vireo.api.model.Spec;
import dev.vireo.api.model.UpdateSpecRequest;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.inventory.Names;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a modification of a spec changes it to (white paper 6.5): a null field keeps its value, the
 * values follow {@link SpecRules}, and a spec named after its values ("2C4G") is renamed after the
 * new ones unless a name is given.
 */
public record SpecUpdate(String name, int cpu, int memoryGiB) {
  /** A name that reads as values ("4C8G"): it may only name a spec of those values. */
  private static final Pattern VALUE_NAME = Pattern.compile("(?i)(\\d+)C(\\d+)G");

  /** 422 naming the field for a value or name outside the rules, or for a request that changes nothing. */
  public static SpecUpdate of(Spec s, UpdateSpecRequest req) {
    if (req.name() == null && req.cpu() == null && req.memoryGiB() == null) {
      throw ApiException.invalid("cpu", "give a new name, cpu and/or memoryGiB");
    }
    int cpu = req.cpu() == null ? s.cpu() : req.cpu();
    int memory = req.memoryGiB() == null ? s.memoryGiB() : req.memoryGiB();
    SpecRules.check(cpu, memory);
    String name;
    if (req.name() != null) {
      name = Names.require("name", req.name());
      var m = VALUE_NAME.matcher(name);
      if (m.matches() && !name.equalsIgnoreCase(SpecRules.name(cpu, memory))) {
        throw ApiException.invalid("name", "'" + name + "' reads as " + m.group(1) + " vCPU and " + m.group(2)
            + " GiB; a spec of " + cpu + " vCPU and " + memory + " GiB is named " + SpecRules.name(cpu, memory)
            + " or a name that is not of that form");
      }
    } else {
      name = s.name().equals(SpecRules.name(s.cpu(), s.memoryGiB())) ? SpecRules.name(cpu, memory) : s.name();
    }
    return new SpecUpdate(name, cpu, memory);
  }

  /** 409 when another spec of the same scope (cluster, or global) has these values or this name. */
  public void requireUnique(List<Spec> sameScope, String scope) {
    for (Spec o : sameScope) {
      if (o.cpu() == cpu && o.memoryGiB() == memoryGiB) {
        throw new ApiException(409, "conflict", "cpu", "cpu: " + scope + " already has a spec of " + cpu + " vCPU and "
            + memoryGiB + " GiB (" + o.name() + ", " + o.id() + ")");
      }
      if (o.name().equalsIgnoreCase(name)) {
        throw new ApiException(409, "conflict", "name", "name: " + scope + " already has a spec named " + o.name()
            + " (" + o.id() + ")");
      }
    }
  }
}
