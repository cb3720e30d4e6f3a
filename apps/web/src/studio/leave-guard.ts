/**
 * Unsaved studio edits (a model, a template) are guarded both ways a legal officer can lose
 * them: leaving the page inside the app asks first, and closing or reloading the tab makes the
 * browser ask (`beforeunload`).
 */
import { onBeforeUnmount, onMounted } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';
import { ElMessageBox } from 'element-plus';

/** The `beforeunload` listener: asks the browser to confirm only while there are unsaved edits. */
export function unloadGuard(isDirty: () => boolean): (event: BeforeUnloadEvent) => void {
  return (event) => {
    if (!isDirty()) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  };
}

export function useLeaveGuard(isDirty: () => boolean, message: string): void {
  const onUnload = unloadGuard(isDirty);
  onMounted(() => window.addEventListener('beforeunload', onUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onUnload));
  onBeforeRouteLeave(async () => {
    if (!isDirty()) return true;
    try {
      await ElMessageBox.confirm(message, '离开编辑', {
        confirmButtonText: '离开',
        cancelButtonText: '继续编辑',
        type: 'warning',
      });
      return true;
    } catch {
      return false;
    }
  });
}
