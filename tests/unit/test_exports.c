/* The installed module must load and export nothing but the pam_sm_* entry points. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_module_loads_with_entry_points(void **state)
{
    void *h = dlopen(PAM_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);

    if (h == NULL)
        fail_msg("dlopen %s: %s", PAM_MODULE_PATH, dlerror());
    assert_non_null(dlsym(h, "pam_sm_authenticate"));
    assert_non_null(dlsym(h, "pam_sm_setcred"));
    assert_non_null(dlsym(h, "pam_sm_acct_mgmt"));
    assert_non_null(dlsym(h, "pam_sm_chauthtok"));
    assert_null(dlsym(h, "pcg_login_run"));
    assert_null(dlsym(h, "pcg_conf_load"));
    dlclose(h);
}

/* Every defined global symbol in .dynsym of the module file. */
static void test_only_pam_sm_symbols_are_exported(void **state)
{
    int fd = open(PAM_MODULE_PATH, O_RDONLY | O_CLOEXEC);
    struct stat st;
    const unsigned char *map;
    const Elf64_Ehdr *eh;
    const Elf64_Shdr *sh;
    int exported = 0;

    assert_true(fd >= 0);
    assert_int_equal(fstat(fd, &st), 0);
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    assert_true(map != MAP_FAILED);
    eh = (const Elf64_Ehdr *)map;
    assert_memory_equal(eh->e_ident, ELFMAG, SELFMAG);
    assert_int_equal(eh->e_ident[EI_CLASS], ELFCLASS64);
    sh = (const Elf64_Shdr *)(map + eh->e_shoff);
    for (int i = 0; i < eh->e_shnum; i++) {
        const Elf64_Sym *syms;
        const char *names;
        size_t count;

        if (sh[i].sh_type != SHT_DYNSYM)
            continue;
        syms = (const Elf64_Sym *)(map + sh[i].sh_offset);
        names = (const char *)(map + sh[sh[i].sh_link].sh_offset);
        count = sh[i].sh_size / sizeof(Elf64_Sym);
        for (size_t k = 1; k < count; k++) {
            int bind = ELF64_ST_BIND(syms[k].st_info);
            const char *name = names + syms[k].st_name;

            if (syms[k].st_shndx == SHN_UNDEF || (bind != STB_GLOBAL && bind != STB_WEAK))
                continue;
            if (strncmp(name, "pam_sm_", 7) != 0)
                fail_msg("the module exports %s", name);
            exported++;
        }
    }
    assert_int_equal(exported, 4);
    munmap((void *)map, (size_t)st.st_size);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_module_loads_with_entry_points),
        cmocka_unit_test(test_only_pam_sm_symbols_are_exported),
    };
    return cmocka_run_group_tests_name("exports", tests, NULL, NULL);
}
