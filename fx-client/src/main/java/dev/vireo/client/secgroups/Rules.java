package dev.vireo.client.secgroups;

import dev.vireo.api.model.SecurityGroupRule;
import dev.vireo.client.resources.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A security group's rules as text: one line each, numbered from 1. */
final class Rules {
  private Rules() {}

  static String line(int index, SecurityGroupRule r) {
    StringBuilder s = new StringBuilder("#").append(index + 1).append(' ').append(r.direction()).append(' ')
        .append(r.protocol() != null ? r.protocol() : "@" + r.portGroup());
    if (r.ports() != null) {
      s.append(' ').append(r.ports());
    }
    s.append(' ').append(r.address() != null ? r.address() : r.ipGroup() != null ? "@" + r.ipGroup() : "any")
        .append(' ').append(r.action());
    if (r.priority() != null) {
      s.append(" (").append(r.priority()).append(')');
    }
    return s.toString();
  }

  static String describe(List<SecurityGroupRule> rules) {
    if (rules == null) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      lines.add(line(i, rules.get(i)));
    }
    return lines.stream().collect(Collectors.joining("\n"));
  }

  /** One choice per rule, its value the index. */
  static List<Choice> choices(List<SecurityGroupRule> rules) {
    List<Choice> out = new ArrayList<>();
    for (int i = 0; rules != null && i < rules.size(); i++) {
      out.add(new Choice(String.valueOf(i), line(i, rules.get(i))));
    }
    return out;
  }
}
