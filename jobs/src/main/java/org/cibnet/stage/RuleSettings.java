package org.cibnet.stage;

import org.cibnet.config.SettingKeys;
import org.cibnet.config.Settings;
import org.cibnet.model.Flags;

/**
 * The rules that flag beside the classifier, as the settings say: train sets persona networks aside
 * from the negatives by the same rule score flags them with, so both read it here.
 */
final class RuleSettings {
  private RuleSettings() {}

  static Flags.Rules flagRules(Settings s) {
    return new Flags.Rules(
        s.getDouble(SettingKeys.RETURN_MIN_SHARE),
        s.getDouble(SettingKeys.PERSONA_MARGIN),
        s.getInt(SettingKeys.PERSONA_MIN_TRAITS));
  }
}
