#pragma once
// What a person reads when a must<> rule fails: one message per committed rule, in words, never
// a grammar rule's name. Placeholders in braces are filled in by the parser from what it has seen:
//   {open}        line:col of the bracket, brace or rule being closed
//   {rule}        the rule being parsed       {decl}     the let/param/fn being parsed
//   {keyword}     `let` or `param`            {op}       the operator just read
//   {annotation}  the annotation being read   {var}      the `for` variable just read
// The parser appends ", found <what is there>" to every message that starts with "expected".

#include "language/grammar/grammar.hpp"

namespace taskguard::grammar {

// Every rule used inside must<> has a message; the parser's control class static_asserts it.
template <typename Rule>
inline constexpr const char* error_message = nullptr;

#define TASKGUARD_ERROR_MESSAGE(rule, text) \
  template <>                               \
  inline constexpr const char* error_message<rule> = text

TASKGUARD_ERROR_MESSAGE(escape_code,
                        "unknown escape sequence; use \\\" \\\\ \\/ \\n \\t \\r or \\uXXXX");
TASKGUARD_ERROR_MESSAGE(string_end,
                        "unterminated string: expected `\"` before the end of the line");
TASKGUARD_ERROR_MESSAGE(regex_end,
                        "unterminated regular expression: expected `/` before the end of the line");
TASKGUARD_ERROR_MESSAGE(list_close, "expected `,` or `]` to close the list opened at {open}");
TASKGUARD_ERROR_MESSAGE(paren_body, "expected an expression after `(`");
TASKGUARD_ERROR_MESSAGE(paren_close, "expected `)` to close the `(` opened at {open}");
TASKGUARD_ERROR_MESSAGE(quantifier_variable, "expected a variable name after the quantifier");
TASKGUARD_ERROR_MESSAGE(quantifier_in, "expected `in` after the quantifier variable");
TASKGUARD_ERROR_MESSAGE(quantifier_collection, "expected a collection to iterate after `in`");
TASKGUARD_ERROR_MESSAGE(quantifier_colon,
                        "expected `:` between the quantifier's collection and its condition");
TASKGUARD_ERROR_MESSAGE(quantifier_condition, "expected a condition after `:`");
TASKGUARD_ERROR_MESSAGE(member_name, "expected a field name after `.`");
TASKGUARD_ERROR_MESSAGE(index_value, "expected an index or a key inside `[ ]`");
TASKGUARD_ERROR_MESSAGE(index_close, "expected `]` to close the `[` opened at {open}");
TASKGUARD_ERROR_MESSAGE(call_close,
                        "expected `,` or `)` to close the argument list opened at {open}");
TASKGUARD_ERROR_MESSAGE(negate_operand, "expected an operand after `-`");
TASKGUARD_ERROR_MESSAGE(multiplicative_operand, "expected an operand after `{op}`");
TASKGUARD_ERROR_MESSAGE(additive_operand, "expected an operand after `{op}`");
TASKGUARD_ERROR_MESSAGE(not_in_keyword, "expected `in` after `not` (the operator is `not in`)");
TASKGUARD_ERROR_MESSAGE(comparison_operand, "expected a value after `{op}`");
TASKGUARD_ERROR_MESSAGE(not_operand, "expected a condition after `not`");
TASKGUARD_ERROR_MESSAGE(and_operand, "expected a condition after `and`");
TASKGUARD_ERROR_MESSAGE(or_operand, "expected a condition after `or`");
TASKGUARD_ERROR_MESSAGE(interpolation_value,
                        "expected an expression inside `{ }`; write `{{` for a literal brace");
TASKGUARD_ERROR_MESSAGE(interpolation_close,
                        "expected `}` to close the interpolation opened at {open}");
TASKGUARD_ERROR_MESSAGE(
    message_end, "unterminated message: expected `\"` (write `{{` and `}}` for literal braces)");
TASKGUARD_ERROR_MESSAGE(package_name, "expected a package name after `package`, like `acme.ecs`");
TASKGUARD_ERROR_MESSAGE(import_path,
                        "expected what to import after `import`, like `std.secrets` or "
                        "`taskguard.identity`");
TASKGUARD_ERROR_MESSAGE(import_alias, "expected a name after `as`");
TASKGUARD_ERROR_MESSAGE(annotation_name, "expected an annotation name after `@`, like `@id`");
TASKGUARD_ERROR_MESSAGE(annotation_argument,
                        "expected a string, number, boolean or name as an argument of "
                        "`@{annotation}`");
TASKGUARD_ERROR_MESSAGE(annotation_close,
                        "expected `,` or `)` to close the arguments of `@{annotation}`");
TASKGUARD_ERROR_MESSAGE(declaration_name, "expected a name after `{keyword}`");
TASKGUARD_ERROR_MESSAGE(equals, "expected `=` after `{keyword} {decl}`");
TASKGUARD_ERROR_MESSAGE(declaration_value, "expected a value after `=` in `{keyword} {decl}`");
TASKGUARD_ERROR_MESSAGE(function_name, "expected a function name after `fn`");
TASKGUARD_ERROR_MESSAGE(function_parameters, "expected `(` and a parameter list after `fn {decl}`");
TASKGUARD_ERROR_MESSAGE(function_parameter, "expected a parameter name in `fn {decl}`");
TASKGUARD_ERROR_MESSAGE(function_parameters_close,
                        "expected `,` or `)` to close the parameters of `fn {decl}`");
TASKGUARD_ERROR_MESSAGE(function_body, "expected the body of `fn {decl}` after `=`");
TASKGUARD_ERROR_MESSAGE(rule_name, "expected a rule name after `rule`");
TASKGUARD_ERROR_MESSAGE(rule_open, "expected `{` to open rule `{rule}`");
TASKGUARD_ERROR_MESSAGE(rule_close, "expected `}` to close rule `{rule}` opened at {open}");
TASKGUARD_ERROR_MESSAGE(when_condition, "expected a condition after `when`");
TASKGUARD_ERROR_MESSAGE(for_variable,
                        "expected a variable name after `for`, as in `for c in "
                        "task.containerDefinitions`");
TASKGUARD_ERROR_MESSAGE(for_in, "expected `in` after `for {var}`");
TASKGUARD_ERROR_MESSAGE(for_collection, "expected a collection to iterate after `for {var} in`");
TASKGUARD_ERROR_MESSAGE(verdict, "expected `when`, `for`, `deny` or `require` in rule `{rule}`");
TASKGUARD_ERROR_MESSAGE(deny_condition, "expected a condition after `deny`");
TASKGUARD_ERROR_MESSAGE(require_condition, "expected a condition after `require`");
TASKGUARD_ERROR_MESSAGE(message_clause_string, "expected a string after `message`");
TASKGUARD_ERROR_MESSAGE(location_value, "expected a location after `at`, such as `c.privileged`");
TASKGUARD_ERROR_MESSAGE(annotated_declaration,
                        "expected `rule`, `let`, `param` or `fn` after the annotations");
TASKGUARD_ERROR_MESSAGE(end_of_file,
                        "expected a declaration (`rule`, `fn`, `let`, `param` or `import`)");

#undef TASKGUARD_ERROR_MESSAGE

}  // namespace taskguard::grammar
