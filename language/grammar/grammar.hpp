#pragma once
// The grammar of TaskGuard policy files, as PEGTL rule types. Semantic actions live apart in
// language/parser/actions.hpp and error messages in language/grammar/error_messages.hpp, so this
// file reads as the language's syntax and nothing else.
//
// Conventions:
//  - `sp` skips whitespace and comments; rules that carry a source range (literals, names, clauses)
//    never include trailing `sp`, so ranges end on the last character that belongs to them.
//  - After a rule has seen its first distinguishing token it commits with must<>: a failure is
//    then a syntax error with a message written for people (error_messages.hpp) instead of a
//    silent backtrack. This is also what keeps semantic actions safe: no action-bearing rule is
//    ever undone by backtracking.
//  - Newlines are ordinary whitespace. Expressions end where the next token cannot continue them,
//    which is why no statement begins with an infix operator.
//  - A `/` is a regex literal only where an operand is expected (primary), and a division
//    operator only after an operand (multiplicative); `//` is a comment, consumed by `sp` first.

#include <tao/pegtl.hpp>

namespace taskguard::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;  // NOLINT: PEGTL combinators are the vocabulary of this file

// ---------------------------------------------------------------------------------------------
// Lexical structure

struct comment_text : star<not_one<'\n', '\r'>> {};
struct comment : seq<sor<one<'#'>, two<'/'>>, comment_text> {};
struct sp : star<sor<plus<space>, comment>> {};

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
struct word : seq<ident_first, star<ident_other>> {};

struct kw_and : TAO_PEGTL_KEYWORD("and") {};
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
struct kw_in : TAO_PEGTL_KEYWORD("in") {};
struct kw_matches : TAO_PEGTL_KEYWORD("matches") {};
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
struct kw_false : TAO_PEGTL_KEYWORD("false") {};
struct kw_null : TAO_PEGTL_KEYWORD("null") {};
struct kw_any : TAO_PEGTL_KEYWORD("any") {};
struct kw_all : TAO_PEGTL_KEYWORD("all") {};
struct kw_count : TAO_PEGTL_KEYWORD("count") {};
struct kw_package : TAO_PEGTL_KEYWORD("package") {};
struct kw_import : TAO_PEGTL_KEYWORD("import") {};
struct kw_as : TAO_PEGTL_KEYWORD("as") {};
struct kw_let : TAO_PEGTL_KEYWORD("let") {};
struct kw_param : TAO_PEGTL_KEYWORD("param") {};
struct kw_fn : TAO_PEGTL_KEYWORD("fn") {};
struct kw_rule : TAO_PEGTL_KEYWORD("rule") {};
struct kw_when : TAO_PEGTL_KEYWORD("when") {};
struct kw_for : TAO_PEGTL_KEYWORD("for") {};
struct kw_deny : TAO_PEGTL_KEYWORD("deny") {};
struct kw_require : TAO_PEGTL_KEYWORD("require") {};
struct kw_message : TAO_PEGTL_KEYWORD("message") {};
struct kw_at : TAO_PEGTL_KEYWORD("at") {};

// Words that can never name a value: operators, literals and the clause keywords (so that a
// missing operand before `deny` is reported as such). All stay usable as field names: `c.message`.
struct reserved : sor<kw_and, kw_or, kw_not, kw_in, kw_matches, kw_true, kw_false, kw_null, kw_when,
                      kw_for, kw_deny, kw_require, kw_message, kw_at> {};
struct identifier : seq<not_at<reserved>, word> {};

struct comma : seq<one<','>, sp> {};

// ---------------------------------------------------------------------------------------------
// Literals

struct null_literal : kw_null {};
struct true_literal : kw_true {};
struct false_literal : kw_false {};

struct digits : plus<digit> {};
struct fraction : seq<one<'.'>, digits> {};
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, digits> {};
struct number_literal : seq<digits, opt<fraction>, opt<exponent>> {};

struct escape_code : sor<one<'"', '\\', '/', 'n', 't', 'r'>, seq<one<'u'>, rep<4, xdigit>>> {};
struct escape : seq<one<'\\'>, must<escape_code>> {};
struct string_end : one<'"'> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_literal : seq<one<'"'>, star<string_char>, must<string_end>> {};

struct regex_end : one<'/'> {};
struct regex_char : sor<seq<one<'\\'>, not_one<'\n', '\r'>>, not_one<'/', '\\', '\n', '\r'>> {};
struct regex_literal : seq<one<'/'>, star<regex_char>, must<regex_end>> {};

struct expression;

struct list_open : one<'['> {};
struct list_close : one<']'> {};
struct list_items : seq<expression, sp, star<comma, expression, sp>, opt<comma>> {};
struct list_literal : seq<list_open, sp, opt<list_items>, must<list_close>> {};

// ---------------------------------------------------------------------------------------------
// Expressions, from the tightest binding outwards

struct paren_open : one<'('> {};
struct paren_close : one<')'> {};
struct paren_body : seq<expression> {};
struct parenthesized : seq<paren_open, sp, must<paren_body>, sp, must<paren_close>> {};

// `any x in xs: cond`. The look-ahead keeps `any`, `all` and `count` usable as ordinary names.
struct quantifier_kind : sor<kw_any, kw_all, kw_count> {};
struct quantifier_start : seq<quantifier_kind, at<sp, identifier, sp, kw_in>> {};
struct quantifier_variable : identifier {};
struct quantifier_in : kw_in {};
struct quantifier_collection : seq<expression> {};
struct quantifier_colon : one<':'> {};
struct quantifier_condition : seq<expression> {};
struct quantifier
    : seq<quantifier_start, sp, must<quantifier_variable>, sp, must<quantifier_in>, sp,
          must<quantifier_collection>, sp, must<quantifier_colon>, sp, must<quantifier_condition>> {
};

struct name : identifier {};

struct primary : sor<null_literal, true_literal, false_literal, number_literal, string_literal,
                     regex_literal, list_literal, parenthesized, quantifier, name> {};

struct member_name : word {};  // any word, keywords included: `c.message` is a field
struct member_suffix : seq<one<'.'>, must<member_name>> {};  // no space after `.`
struct index_open : one<'['> {};
struct index_close : one<']'> {};
struct index_value : seq<expression> {};
struct index_suffix : seq<index_open, sp, must<index_value>, sp, must<index_close>> {};
struct call_open : one<'('> {};
struct call_close : one<')'> {};
struct call_arguments : seq<expression, sp, star<comma, expression, sp>, opt<comma>> {};
struct call_suffix : seq<call_open, sp, opt<call_arguments>, must<call_close>> {};
struct postfix : sor<member_suffix, index_suffix, call_suffix> {};
struct postfix_expression : seq<primary, star<sp, postfix>> {};

struct negate_operator : one<'-'> {};
struct negate_operand;
struct negation : seq<negate_operator, sp, must<negate_operand>> {};
struct unary : sor<negation, postfix_expression> {};
struct negate_operand : unary {};

struct multiply_operator : one<'*'> {};
struct divide_operator : one<'/'> {};
struct multiplicative_operator : sor<multiply_operator, divide_operator> {};
struct multiplicative_operand : unary {};
struct multiplicative_tail : seq<multiplicative_operator, sp, must<multiplicative_operand>> {};
struct multiplicative : seq<unary, star<sp, multiplicative_tail>> {};

struct add_operator : one<'+'> {};
struct subtract_operator : one<'-'> {};
struct additive_operator : sor<add_operator, subtract_operator> {};
struct additive_operand : multiplicative {};
struct additive_tail : seq<additive_operator, sp, must<additive_operand>> {};
struct additive : seq<multiplicative, star<sp, additive_tail>> {};

struct equal_operator : string<'=', '='> {};
struct not_equal_operator : string<'!', '='> {};
struct less_equal_operator : string<'<', '='> {};
struct greater_equal_operator : string<'>', '='> {};
struct less_operator : one<'<'> {};
struct greater_operator : one<'>'> {};
struct matches_operator : kw_matches {};
struct in_operator : kw_in {};
struct not_in_keyword : kw_in {};
struct not_in_operator : seq<kw_not, sp, must<not_in_keyword>> {};
struct comparison_operator
    : sor<equal_operator, not_equal_operator, less_equal_operator, greater_equal_operator,
          less_operator, greater_operator, matches_operator, in_operator, not_in_operator> {};
struct comparison_operand : additive {};
struct comparison_tail : seq<comparison_operator, sp, must<comparison_operand>> {};
struct comparison : seq<additive, opt<sp, comparison_tail>> {};

struct not_operand;
struct logical_not : seq<kw_not, sp, must<not_operand>> {};
struct negatable : sor<logical_not, comparison> {};
struct not_operand : negatable {};

struct and_operand : negatable {};
struct and_tail : seq<kw_and, sp, must<and_operand>> {};
struct conjunction : seq<negatable, star<sp, and_tail>> {};

struct or_operand : conjunction {};
struct or_tail : seq<kw_or, sp, must<or_operand>> {};
struct disjunction : seq<conjunction, star<sp, or_tail>> {};

struct expression : disjunction {};

// ---------------------------------------------------------------------------------------------
// Message strings: "text {expr} text", with `{{` and `}}` for literal braces

struct message_text_char
    : sor<escape, string<'{', '{'>, string<'}', '}'>, not_one<'"', '\\', '{', '}', '\n', '\r'>> {};
struct message_text : plus<message_text_char> {};
struct interpolation_close : one<'}'> {};
struct interpolation_value : seq<expression> {};
struct interpolation_open : one<'{'> {};
struct interpolation
    : seq<interpolation_open, sp, must<interpolation_value>, sp, must<interpolation_close>> {};
struct message_end : one<'"'> {};
struct message_string : seq<one<'"'>, star<sor<message_text, interpolation>>, must<message_end>> {};

// ---------------------------------------------------------------------------------------------
// Declarations

struct dotted_name : seq<word, star<one<'.'>, word>> {};

struct package_name : dotted_name {};
struct package_declaration : seq<kw_package, sp, must<package_name>> {};

struct import_path : dotted_name {};
struct import_alias : identifier {};
struct import_declaration
    : seq<kw_import, sp, must<import_path>, opt<sp, kw_as, sp, must<import_alias>>> {};

struct annotation_name : word {};
struct annotation_argument
    : sor<string_literal, number_literal, true_literal, false_literal, name> {};
struct annotation_open : one<'('> {};
struct annotation_close : one<')'> {};
struct annotation_arguments
    : seq<annotation_open, sp,
          opt<annotation_argument, sp, star<comma, must<annotation_argument>, sp>>,
          must<annotation_close>> {};
struct annotation : seq<one<'@'>, must<annotation_name>, opt<annotation_arguments>> {};

struct declaration_name : identifier {};
struct equals : one<'='> {};
struct declaration_value : seq<expression> {};
struct let_declaration
    : seq<kw_let, sp, must<declaration_name>, sp, must<equals>, sp, must<declaration_value>> {};
struct param_declaration
    : seq<kw_param, sp, must<declaration_name>, sp, must<equals>, sp, must<declaration_value>> {};

struct function_name : identifier {};
struct function_parameter : identifier {};
struct function_parameters_open : one<'('> {};
struct function_parameters_close : one<')'> {};
struct function_parameters
    : seq<function_parameters_open, sp,
          opt<function_parameter, sp, star<comma, must<function_parameter>, sp>>,
          must<function_parameters_close>> {};
struct function_body : seq<expression> {};
struct function_declaration : seq<kw_fn, sp, must<function_name>, sp, must<function_parameters>, sp,
                                  must<equals>, sp, must<function_body>> {};

// Rule names may contain dashes: they are the catalogue's names (`privileged-container`).
struct rule_name : seq<ident_first, star<sor<ident_other, seq<one<'-'>, at<ident_other>>>>> {};
struct rule_keyword : kw_rule {};
struct rule_open : one<'{'> {};
struct rule_close : one<'}'> {};

struct when_condition : seq<expression> {};
struct when_clause : seq<kw_when, sp, must<when_condition>> {};
struct for_variable : identifier {};
struct for_in : kw_in {};
struct for_collection : seq<expression> {};
struct for_clause
    : seq<kw_for, sp, must<for_variable>, sp, must<for_in>, sp, must<for_collection>> {};
struct clause : sor<when_clause, for_clause> {};

struct deny_condition : seq<expression> {};
struct require_condition : seq<expression> {};
struct deny_verdict : seq<kw_deny, sp, must<deny_condition>> {};
struct require_verdict : seq<kw_require, sp, must<require_condition>> {};
struct verdict : sor<deny_verdict, require_verdict> {};

struct message_clause_string : seq<message_string> {};
struct message_clause : seq<kw_message, sp, must<message_clause_string>> {};
struct location_value : seq<expression> {};
struct location_clause : seq<kw_at, sp, must<location_value>> {};

struct rule_body
    : seq<star<clause, sp>, must<verdict>, sp, opt<message_clause, sp>, opt<location_clause, sp>> {
};
struct rule_declaration
    : seq<rule_keyword, sp, must<rule_name>, sp, must<rule_open>, sp, rule_body, must<rule_close>> {
};

struct declaration
    : sor<rule_declaration, let_declaration, param_declaration, function_declaration> {};
struct annotated_declaration : declaration {};
struct annotations : plus<annotation, sp> {};
struct top_level_item
    : sor<import_declaration, seq<annotations, must<annotated_declaration>>, declaration> {};

struct end_of_file : eof {};
struct items : seq<star<top_level_item, sp>, must<end_of_file>> {};

// A whole file, and the tail of one: after a syntax error the parser resumes at the next line
// that starts a declaration and parses the rest with `resumed_file`.
struct file : seq<sp, opt<package_declaration, sp>, items> {};
struct resumed_file : seq<sp, items> {};

}  // namespace taskguard::grammar
