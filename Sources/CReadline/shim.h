#ifndef GEMBA_CREADLINE_SHIM_H
#define GEMBA_CREADLINE_SHIM_H
// Thin C accessors for GNU readline's globals: Swift 6 rejects direct use of
// shared mutable C globals, so every read and write goes through a function.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>

typedef char *(*gemba_generator_fn)(const char *, int);
typedef char **(*gemba_completion_fn)(const char *, int, int);

static inline void gemba_rl_set_name(const char *name) { rl_readline_name = strdup(name); }
static inline void gemba_rl_set_completion(gemba_completion_fn fn) {
  rl_attempted_completion_function = fn;
}
static inline void gemba_rl_set_word_breaks(const char *chars) {
  rl_completer_word_break_characters = strdup(chars);
}
static inline void gemba_rl_completion_over(int over) { rl_attempted_completion_over = over; }
static inline void gemba_rl_set_append_char(int c) { rl_completion_append_character = c; }
static inline void gemba_rl_set_filename_completion(int on) { rl_filename_completion_desired = on; }
static inline char **gemba_rl_matches(const char *text, gemba_generator_fn gen) {
  return rl_completion_matches(text, gen);
}
static inline const char *gemba_rl_line_buffer(void) { return rl_line_buffer; }
static inline int gemba_rl_point(void) { return rl_point; }
static inline void gemba_rl_clear_line(void) {
  rl_free_line_state();
  rl_replace_line("", 0);
  rl_crlf();
  rl_on_new_line();
  rl_redisplay();
}
// Ctrl-C as psql has it: drop the typed text and start a fresh line with `prompt`
// (set only after the new line, or readline redraws the old line with it first).
static inline void gemba_rl_restart_line(const char *prompt) {
  rl_free_line_state();
  rl_replace_line("", 0);
  rl_crlf();
  rl_on_new_line();
  if (prompt) rl_set_prompt(prompt);
  rl_redisplay();
}
static inline void gemba_rl_catch_signals(int on) { rl_catch_signals = on; }
static inline void gemba_rl_bind_variable(const char *name, const char *value) {
  rl_variable_bind(name, value);
}
static inline int gemba_history_length(void) { return history_length; }
static inline char *gemba_rl_filename_generator(const char *text, int state) {
  return rl_filename_completion_function(text, state);
}
static inline void gemba_rl_set_quote_characters(const char *chars) {
  rl_completer_quote_characters = strdup(chars);
}
static inline void gemba_rl_set_sort_matches(int on) { rl_sort_completion_matches = on; }
static inline void gemba_rl_suppress_quote(int on) { rl_completion_suppress_quote = on; }
static inline void gemba_rl_suppress_append(int on) { rl_completion_suppress_append = on; }
// Timestamped history files keep multi-line commands as one entry.
static inline void gemba_history_keep_multiline(int on) {
  history_write_timestamps = 1;
  history_multiline_entries = on;
  history_comment_char = '#';  // add_history stamps entries with this character
}
// The most recent history entry, or NULL.
static inline const char *gemba_history_last(void) {
  HIST_ENTRY *entry = history_get(history_base + history_length - 1);
  return entry ? entry->line : NULL;
}
#endif
