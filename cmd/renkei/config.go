package main

import (
	"os"
	"strings"

	"renkei/internal/settings"
	"renkei/run"
)

// envPrefix prefixes every environment variable renkei reads.
const envPrefix = "RENKEI"

// loadConfig reads the RENKEI_* environment, then the flags in args, and checks and
// parses the result once into the options of a run (run.Settings.Options); what the
// settings do not hold comes from the process. It returns the remaining positional
// arguments.
func loadConfig(args []string) (run.Options, []string, error) {
	var cfg run.Settings
	pos, err := settings.Load(&cfg, envPrefix, args)
	if err != nil {
		return run.Options{}, nil, err
	}
	if cfg.Lang == "" {
		cfg.Lang = localeLang()
	}
	opts, err := cfg.Options()
	if err != nil {
		return opts, nil, err
	}
	opts.StepSummary = os.Getenv("GITHUB_STEP_SUMMARY")
	home, _ := os.UserHomeDir() // none: the system's font folders only
	opts.FontDirs = run.FontDirs(home)
	opts.Generated, err = sourceDate()
	return opts, pos, err
}

// localeLang picks ja when the locale is Japanese, else en.
func localeLang() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "ja") {
				return "ja"
			}
			return "en"
		}
	}
	return "en"
}
