#!/usr/bin/env python3
"""Checks what the built SELinux policy module grants (sesearch reads whole
kernel policies, not modules, so the module is read as CIL, converted with
/usr/libexec/selinux/hll/pp). Prints one line per broken expectation and
exits 1 if there is any.

What the module may do, and nothing more: the login domains that load
pam_cognito.so (LOGIN) resolve names, connect to the HTTPS port, read the CA
certificates and read the module's config type; the resolver helpers that
sysnet_dns_name_resolve lets them talk to (nscd, systemd-resolved) may look
back at those clients. One new type (the config file's), one file context.

Usage: selinux_rules.py MODULE.cil
"""
import re
import sys

LOGIN = {"sshd_t", "sshd_session_t", "local_login_t", "sudodomain",
         "sysadm_su_t", "staff_su_t", "user_su_t", "passwd_t"}
HELPERS = {"nscd_t", "systemd_resolved_t"}
READ = {"ioctl", "read", "getattr", "lock", "open", "search"}
WRITE = {"write", "append", "create", "setattr", "unlink", "rename", "link",
         "add_name", "remove_name", "rmdir", "relabelfrom", "relabelto",
         "execute", "execute_no_trans", "entrypoint", "mounton", "reparent"}
FILE_CLASSES = {"file", "dir", "lnk_file", "chr_file", "blk_file", "fifo_file"}
CONF = "pam_cognito_conf_t"

text = open(sys.argv[1]).read()
problems = []
rule_re = re.compile(r"\((allow|dontaudit|auditallow|neverallow|allowx) (\S+) (\S+) \((\S+) \(([^()]*)\)\)\)")
rules = [(k, s, t, c, set(p.split())) for k, s, t, c, p in rule_re.findall(text)]
if not rules:
    problems.append("no rule found in the module")

for kind in ("typetransition", "typechange", "typemember", "rangetransition",
             "roleallow", "roletransition", "boolean", "tunable", "allowx",
             "auditallow", "neverallow", "typebounds", "permissive"):
    if re.search(r"\(%s\b" % kind, text):
        problems.append("the module has a %s statement" % kind)
types = set(re.findall(r"^\s*\(type (\S+)\)", text, re.M))
if types != {CONF}:
    problems.append("types declared: %s (want only %s)" % (sorted(types), CONF))
filecons = re.findall(r"\(filecon \"([^\"]+)\" (\S+) \(\S+ \S+ (\S+)", text)
if filecons != [("/etc/security/pam_cognito\\.conf", "file", CONF)]:
    problems.append("file contexts: %s" % filecons)

sources = {s for k, s, t, c, p in rules if k == "allow"}
for s in sorted(sources - LOGIN - HELPERS):
    problems.append("a rule for a domain that does not load the module: %s" % s)
for s in sorted(LOGIN - sources):
    problems.append("no rule for login domain %s" % s)

for k, s, t, c, p in rules:
    rule = "(%s %s %s (%s (%s)))" % (k, s, t, c, " ".join(sorted(p)))
    if k != "allow":
        continue
    if s in HELPERS and t not in LOGIN:
        problems.append("a resolver helper gets more than its clients: %s" % rule)
    if "name_connect" in p and t not in ("http_port_t", "dns_port_t"):
        problems.append("connect to a port other than HTTPS and DNS: %s" % rule)
    if p & {"name_bind", "node_bind"} or c in ("capability", "capability2"):
        problems.append("bind or capability: %s" % rule)
    if c in FILE_CLASSES and p & WRITE:
        problems.append("writes or runs files: %s" % rule)
    if t == CONF and (c != "file" or not p <= READ):
        problems.append("more than reading the config: %s" % rule)
    if c == "sock_file" and t not in ("avahi_runtime_t", "nscd_runtime_t",
                                      "systemd_resolved_runtime_t"):
        problems.append("a socket other than a resolver's: %s" % rule)

for s in sorted(LOGIN):
    have = {(t, c, frozenset(p)) for k, s2, t, c, p in rules if k == "allow" and s2 == s}
    if not any(t == "http_port_t" and c == "tcp_socket" and "name_connect" in p for t, c, p in have):
        problems.append("%s cannot connect to the HTTPS port" % s)
    if not any(t == CONF and c == "file" and "read" in p for t, c, p in have):
        problems.append("%s cannot read the config" % s)
    if not any(t == "cert_t" and c == "file" and "read" in p for t, c, p in have):
        problems.append("%s cannot read the CA certificates" % s)

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
