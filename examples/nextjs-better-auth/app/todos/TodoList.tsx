'use client';
// The todos from Rampart: first page on load, "Load more" follows the Link header; add, complete, delete.
// A 401 from Rampart (a bad or unknown token) ends the session here too: back to sign-in, nothing shown.
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { authClient } from '@/lib/authClient';
import { RampartError, createRampartApi, plainWords, type Todo } from '@/lib/rampartApi';
import { forgetRampartToken, rampartToken } from '@/lib/rampartToken';

async function requireToken(): Promise<string> {
  const token = await rampartToken();
  if (!token) throw new RampartError(401, 'No Better Auth session');
  return token;
}

export function TodoList({ rampartUrl }: { rampartUrl: string }) {
  const router = useRouter();
  const api = useMemo(() => createRampartApi(rampartUrl, requireToken), [rampartUrl]);
  const [todos, setTodos] = useState<Todo[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [title, setTitle] = useState('');

  const fail = useCallback(
    async (err: unknown) => {
      if (err instanceof RampartError && err.status === 401) {
        setTodos(null);
        forgetRampartToken();
        await authClient.signOut();
        router.replace('/sign-in?ended=1');
        return;
      }
      setError(plainWords(err));
    },
    [router],
  );

  /** Runs one call to Rampart with the buttons disabled; a failure is shown, never thrown. */
  const run = useCallback(
    async (call: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await call();
      } catch (err) {
        await fail(err);
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );

  useEffect(() => {
    let current = true;
    void run(async () => {
      const page = await api.listTodos();
      if (!current) return;
      setTodos(page.todos);
      setNext(page.next);
    });
    return () => {
      current = false;
    };
  }, [api, run]);

  const loadMore = () =>
    run(async () => {
      if (!next) return;
      const page = await api.listTodos(next);
      setTodos((shown) => [...(shown ?? []), ...page.todos]);
      setNext(page.next);
    });

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    return run(async () => {
      const todo = await api.createTodo(title);
      setTitle('');
      // Appended only when every page is shown, so the list stays in Rampart's order (by id).
      if (!next) setTodos((shown) => [...(shown ?? []), todo]);
    });
  };

  const toggle = (todo: Todo) =>
    run(async () => {
      const updated = await api.updateTodo(todo.id, { completed: !todo.completed });
      setTodos((shown) => (shown ?? []).map((item) => (item.id === updated.id ? updated : item)));
    });

  const remove = (todo: Todo) =>
    run(async () => {
      await api.deleteTodo(todo.id);
      setTodos((shown) => (shown ?? []).filter((item) => item.id !== todo.id));
    });

  return (
    <section>
      {error ? <p role="alert">{error}</p> : null}
      <form className="inline" onSubmit={add}>
        <input
          type="text"
          aria-label="New todo"
          placeholder="What needs doing?"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <button type="submit" disabled={busy}>
          Add
        </button>
      </form>
      {todos === null ? (
        <p className="empty">Loading…</p>
      ) : todos.length === 0 ? (
        <p className="empty">No todos yet.</p>
      ) : (
        <ul className="todos" aria-label="Todos">
          {todos.map((todo) => (
            <li key={todo.id} className={todo.completed ? 'done' : undefined}>
              <input
                type="checkbox"
                aria-label={`Completed: ${todo.title}`}
                checked={todo.completed}
                disabled={busy}
                onChange={() => toggle(todo)}
              />
              <span>{todo.title}</span>
              <button type="button" className="quiet" disabled={busy} onClick={() => remove(todo)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {next ? (
        <button type="button" className="quiet" disabled={busy} onClick={loadMore}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
