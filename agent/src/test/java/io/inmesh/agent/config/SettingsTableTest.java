package io.inmesh.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's settings table must list exactly the settings the agent reads, with their defaults. */
class SettingsTableTest {
  @Test
  void readmeTableMatchesTheSettingEnum() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String table =
        readme.substring(
            readme.indexOf("<!-- settings-table"), readme.indexOf("<!-- /settings-table -->"));
    List<String> documented = new ArrayList<>();
    for (String line : table.lines().toList()) {
      if (line.startsWith("| `")) {
        String[] cells = line.split("(?<!\\\\)\\|");
        documented.add(
            String.join(
                " ",
                strip(cells[1]),
                strip(cells[2]),
                strip(cells[3]),
                strip(cells[4]).replace("\\|", "|")));
      }
    }
    List<String> expected = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      expected.add(
          String.join(
              " ", setting.env(), setting.property(), setting.defaultValue(), setting.accepted()));
    }
    assertThat(documented).containsExactlyElementsOf(expected);
  }

  private static String strip(String cell) {
    return cell.trim().replace("`", "");
  }
}
