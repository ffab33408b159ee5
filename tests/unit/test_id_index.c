/* The id map's hash index: ids under one hash, removal, growth past removed slots, copies. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "accounts/id_index.h"

/* How many times id is listed under hash. */
static int count(const struct pcg_id_index *ix, uint32_t hash, unsigned long id)
{
    int n = 0;
    unsigned long got;

    for (size_t pos = 0; (got = pcg_id_index_next(ix, hash, &pos)) != 0;)
        n += got == id;
    return n;
}

static void test_an_empty_index_lists_nothing(void **state)
{
    struct pcg_id_index ix;
    size_t pos = 0;

    memset(&ix, 0, sizeof(ix));
    assert_int_equal(pcg_id_index_next(&ix, 7, &pos), 0);
    pcg_id_index_remove(&ix, 7, 1);
    pcg_id_index_free(&ix);
}

static void test_ids_under_one_hash_are_all_listed(void **state)
{
    struct pcg_id_index ix;

    memset(&ix, 0, sizeof(ix));
    for (unsigned long id = 1; id <= 40; id++)
        assert_true(pcg_id_index_add(&ix, id % 2 ? 5u : 5u + 16u, id)); /* same start slot */
    for (unsigned long id = 1; id <= 40; id++) {
        assert_int_equal(count(&ix, id % 2 ? 5u : 21u, id), 1);
        assert_int_equal(count(&ix, id % 2 ? 21u : 5u, id), 0);
    }
    pcg_id_index_free(&ix);
}

static void test_removed_ids_are_gone_and_growth_keeps_the_rest(void **state)
{
    struct pcg_id_index ix;

    memset(&ix, 0, sizeof(ix));
    for (unsigned long id = 1; id <= 1000; id++)
        assert_true(pcg_id_index_add(&ix, pcg_id_index_hash("x") + (uint32_t)(id % 7), id));
    for (unsigned long id = 1; id <= 1000; id += 2)
        pcg_id_index_remove(&ix, pcg_id_index_hash("x") + (uint32_t)(id % 7), id);
    for (unsigned long id = 1001; id <= 3000; id++) /* forces rehashes over removed slots */
        assert_true(pcg_id_index_add(&ix, (uint32_t)id * 2654435761u, id));
    for (unsigned long id = 1; id <= 1000; id++)
        assert_int_equal(count(&ix, pcg_id_index_hash("x") + (uint32_t)(id % 7), id), id % 2 == 0);
    for (unsigned long id = 1001; id <= 3000; id++)
        assert_int_equal(count(&ix, (uint32_t)id * 2654435761u, id), 1);
    assert_true(ix.used * 2 <= ix.cap);
    pcg_id_index_free(&ix);
}

static void test_a_copy_is_independent(void **state)
{
    struct pcg_id_index a, b;

    memset(&a, 0, sizeof(a));
    assert_true(pcg_id_index_add(&a, 9, 10000));
    assert_true(pcg_id_index_copy(&b, &a));
    pcg_id_index_remove(&a, 9, 10000);
    assert_true(pcg_id_index_add(&b, 9, 10001));
    assert_int_equal(count(&a, 9, 10000), 0);
    assert_int_equal(count(&a, 9, 10001), 0);
    assert_int_equal(count(&b, 9, 10000), 1);
    assert_int_equal(count(&b, 9, 10001), 1);
    pcg_id_index_free(&a);
    pcg_id_index_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_empty_index_lists_nothing),
        cmocka_unit_test(test_ids_under_one_hash_are_all_listed),
        cmocka_unit_test(test_removed_ids_are_gone_and_growth_keeps_the_rest),
        cmocka_unit_test(test_a_copy_is_independent),
    };
    return cmocka_run_group_tests_name("id_index", tests, NULL, NULL);
}
